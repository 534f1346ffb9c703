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
        services.AddKeyedSingleton<IChannelConnector>(Descriptor.Code, new CountingConnector(total));
    }
}

/// <summary>Serves items 1..total in pages; the checkpoint is the last number served.</summary>
internal sealed class CountingConnector(int total) : IChannelConnector
{
    public Task<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        var after = request.Checkpoint is null ? 0 : int.Parse(request.Checkpoint, System.Globalization.CultureInfo.InvariantCulture);
        var items = Enumerable.Range(after + 1, Math.Max(0, Math.Min(request.MaxItems, total - after)))
            .Select(i => new InboundItem
            {
                ExternalId = "g-" + i,
                Text = $"Тестовое сообщение №{i}: яма на дороге",
                CreatedAt = new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.FromHours(3)).AddMinutes(i),
            })
            .ToList();
        var last = after + items.Count;
        return Task.FromResult(new PullResult(items, last.ToString(System.Globalization.CultureInfo.InvariantCulture), last < total));
    }

    public Task<ReplyReceipt> SendReplyAsync(ChannelReply reply, CancellationToken cancellationToken) =>
        Task.FromResult(new ReplyReceipt(reply.IdempotencyKey));
}
