using System.Text;
using Google.Protobuf;
using Grpc.Core;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Grpc;

public sealed class ImportServiceTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private ImportService.ImportServiceClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>
        {
            ["McuHub:Channels:good:Enabled"] = "true",
            ["McuHub:Channels:good:Settings:Total"] = "0",
            ["McuHub:Host:MaxImportBytes"] = "4096",
        });
        _client = new ImportService.ImportServiceClient(_host.Channel);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<ImportFileResponse> ImportAsync(string fileName, byte[] content, string channel = "good")
    {
        using var call = _client.ImportFile();
        try
        {
            await call.RequestStream.WriteAsync(new ImportFileChunk { Header = new ImportFileHeader { Channel = channel, FileName = fileName } });
            foreach (var chunk in content.Chunk(1000))
                await call.RequestStream.WriteAsync(new ImportFileChunk { Data = ByteString.CopyFrom(chunk) });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server may refuse the file while chunks are still being sent; its status comes with the response.
        }

        return await call;
    }

    private static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));

    [Fact]
    public async Task ImportFile_WithBadRows_KeepsTheGoodOnesAndNamesRowAndColumnOfTheBad()
    {
        var file = Lines("id;text", "e-1;Яма на дороге у школы", ";без номера", "e-2;", "e-3;Не горит фонарь");

        var first = await ImportAsync("выгрузка.txt", file);
        var again = await ImportAsync("выгрузка.txt", file);

        Assert.Equal(3, first.Rows);
        Assert.Equal(2, first.Accepted);
        Assert.Equal(2, first.Errors.Count);
        Assert.Equal((3, "id"), (first.Errors[0].Row, first.Errors[0].Column));
        Assert.Equal((4, "text"), (first.Errors[1].Row, first.Errors[1].Column));
        Assert.Equal(0, again.Accepted);
        Assert.Equal(2, again.Duplicates);
        Assert.Equal(2, await _host.Store.CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ImportFile_MalformedEmptyOversizedOrForeign_IsRefusedAndChangesNothing()
    {
        var malformed = await Assert.ThrowsAsync<RpcException>(() => ImportAsync("x.txt", Lines("нет заголовка", "e-9;текст")));
        var empty = await Assert.ThrowsAsync<RpcException>(() => ImportAsync("x.txt", []));
        var huge = await Assert.ThrowsAsync<RpcException>(() => ImportAsync("x.txt", Lines(["id;text", .. Enumerable.Range(0, 500).Select(i => $"h-{i};очень длинная строка выгрузки")])));
        var extension = await Assert.ThrowsAsync<RpcException>(() => ImportAsync("x.xlsx", Lines("id;text", "e-9;текст")));
        var channel = await Assert.ThrowsAsync<RpcException>(() => ImportAsync("x.txt", Lines("id;text"), channel: "api"));

        Assert.StartsWith("file:", malformed.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("заголовка", malformed.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("file:", empty.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.ResourceExhausted, huge.StatusCode);
        Assert.StartsWith("file_name:", extension.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("channel:", channel.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await _host.Store.CountMessagesAsync(CancellationToken.None));
    }
}
