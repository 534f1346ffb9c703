using Google.Protobuf;
using MCU.Hub.Grpc.V1;
using MiniExcelLibs;

namespace MCU.Hub.Host.Tests.Grpc;

/// <summary>The .xlsx export of the ПОС cabinet, imported through the API into a hub that does not poll ПОС at all.</summary>
public sealed class PosExportImportTests
{
    [Fact]
    public async Task ImportFile_PosCabinetExport_RegistersGoodRowsAndNamesTheBadCell()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>
        {
            ["McuHub:Host:PluginsPath"] = "plugins",
            ["McuHub:Channels:pos:Enabled"] = "true",
            ["McuHub:Channels:pos:Poll"] = "false",
            ["McuHub:Channels:pos:Settings:BaseAddress"] = "https://pos.example.invalid/",
        });
        string[] header = ["Номер сообщения", "Дата создания", "Категория", "Подкатегория", "Текст сообщения", "Адрес"];
        object?[][] rows =
        [
            header,
            ["412000001", new DateTime(2026, 11, 18, 9, 30, 0), "Дороги", "Ямы на дороге", "На улице Ленина у дома 7 глубокая яма", "ул. Ленина, 7"],
            ["412000002", "вчера вечером", "ЖКХ", "Отопление", "В квартире холодно, батареи еле тёплые", "ул. Мира, 3"],
            ["412000003", "19.11.2026 14:05", "Мусор", "Вывоз ТКО", "Контейнеры не вывозят неделю", "ул. Садовая, 12"],
        ];
        using var file = new MemoryStream();
        file.SaveAs(rows.Select(r => r.Select((v, i) => (Key: ((char)('A' + i)).ToString(), Value: v)).ToDictionary(c => c.Key, c => c.Value)), printHeader: false, excelType: ExcelType.XLSX);

        using var call = new ImportService.ImportServiceClient(host.Channel).ImportFile();
        await call.RequestStream.WriteAsync(new ImportFileChunk { Header = new ImportFileHeader { Channel = "pos", FileName = "Выгрузка ПОС 2026-11-20.xlsx" } });
        foreach (var chunk in file.ToArray().Chunk(16 * 1024))
            await call.RequestStream.WriteAsync(new ImportFileChunk { Data = ByteString.CopyFrom(chunk) });
        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal(2, response.Accepted);
        var error = Assert.Single(response.Errors);
        Assert.Equal(3, error.Row);
        Assert.Equal("Дата создания", error.Column);
        var waste = await host.Store.FindBySourceAsync("pos", "412000003", CancellationToken.None);
        Assert.Equal("waste", waste!.Block);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 14, 5, 0, TimeSpan.FromHours(3)), waste.ReceivedAt);
        Assert.Equal(2, await host.Store.CountMessagesAsync(CancellationToken.None));
    }
}
