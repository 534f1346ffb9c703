using MCU.Hub;
using MCU.Hub.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

[assembly: ChannelPluginContract(ContractVersion.Major, ContractVersion.Minor)]

namespace GoodPlugin;

/// <summary>A well-formed plugin whose connector serves a fixed number of numbered items.</summary>
public sealed class GoodPlugin : IChannelPlugin
{
    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new("good", "Тестовый канал", ChannelCapabilities.Poll | ChannelCapabilities.Reply);

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var total = int.TryParse(configuration["Total"], out var t) ? t : 10;
        var invalidEvery = int.TryParse(configuration["InvalidEvery"], out var i) ? i : 0;
        var unreadableEvery = int.TryParse(configuration["UnreadableEvery"], out var u) ? u : 0;
        services.AddKeyedSingleton<IChannelConnector>(Descriptor.Code, new CountingConnector(total, invalidEvery, unreadableEvery));
        services.AddKeyedSingleton<IChannelImporter>(Descriptor.Code, new LinesImporter());
    }
}

/// <summary>
/// Serves items 1..total in pages; the checkpoint is the last number served. Every <c>invalidEvery</c>-th item has an
/// empty text (the hub refuses it); every <c>unreadableEvery</c>-th is reported as a failure with the raw payload
/// <c>g-N|text</c>, which <see cref="Parse"/> reads back.
/// </summary>
internal sealed class CountingConnector(int total, int invalidEvery, int unreadableEvery) : IChannelConnector, IRawItemParser
{
    public Task<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        var after = request.Checkpoint is null ? 0 : int.Parse(request.Checkpoint, System.Globalization.CultureInfo.InvariantCulture);
        var numbers = Enumerable.Range(after + 1, Math.Max(0, Math.Min(request.MaxItems, total - after))).ToList();
        var items = numbers.Where(i => !Unreadable(i)).Select(i => Item(i, invalidEvery > 0 && i % invalidEvery == 0 ? "" : Text(i))).ToList();
        var failures = numbers.Where(Unreadable).Select(i => new InboundFailure { ExternalId = "g-" + i, RawPayload = $"g-{i}|{Text(i)}", Reason = "created_at: дата не разбирается" }).ToList();
        var last = after + numbers.Count;
        return Task.FromResult(new PullResult(items, last.ToString(System.Globalization.CultureInfo.InvariantCulture), last < total) { Failures = failures });
    }

    public InboundItem Parse(string rawPayload)
    {
        var parts = rawPayload.Split('|', 2);
        if (parts.Length != 2 || !parts[0].StartsWith("g-", StringComparison.Ordinal))
            throw new InvalidDataException("id: ожидалось «g-N|текст»");
        return Item(int.Parse(parts[0][2..], System.Globalization.CultureInfo.InvariantCulture), parts[1]);
    }

    private bool Unreadable(int i) => unreadableEvery > 0 && i % unreadableEvery == 0;

    private static string Text(int i) => $"Тестовое сообщение №{i}: яма на дороге";

    private static InboundItem Item(int i, string text) => new()
    {
        ExternalId = "g-" + i,
        Text = text,
        CreatedAt = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.FromHours(3)).AddMinutes(i),
    };

    public Task<ReplyReceipt> SendReplyAsync(ChannelReply reply, CancellationToken cancellationToken) =>
        Task.FromResult(new ReplyReceipt(reply.IdempotencyKey));
}

/// <summary>Reads «id;text» lines after a header line «id;text»; a file without that header is refused.</summary>
internal sealed class LinesImporter : IChannelImporter
{
    public IReadOnlyList<string> Extensions { get; } = [".txt"];

    public async Task<ImportParseResult> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(content);
        if (await reader.ReadLineAsync(cancellationToken) != "id;text")
            throw new ImportFormatException("нет строки заголовка «id;text»");
        var items = new List<InboundItem>();
        var rows = new List<int>();
        var errors = new List<ImportRowError>();
        var row = 1;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            row++;
            var parts = line.Split(';', 2);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                errors.Add(new ImportRowError(row, "id", "нет идентификатора"));
                continue;
            }

            items.Add(new InboundItem { ExternalId = parts[0], Text = parts[1], CreatedAt = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.FromHours(3)) });
            rows.Add(row);
        }

        return new ImportParseResult(items, errors) { ItemRows = rows };
    }
}
