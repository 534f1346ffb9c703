using Grpc.Net.Client;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Answers;

/// <summary>
/// The real host with a channel plugin pulling from its emulator on loopback, and the people of the answer cycle as API
/// keys: an executor of the roads department, an executor of the parks department and an МЦУ specialist.
/// </summary>
internal sealed class AnswerRig : IAsyncDisposable
{
    public const string RoadsExecutorKey = "key-executor-roads";
    public const string ParksExecutorKey = "key-executor-parks";
    public const string SpecialistKey = "key-mcu-specialist";

    private readonly List<GrpcChannel> _channels = [];

    private AnswerRig(TestHost host) => Host = host;

    public TestHost Host { get; }

    /// <summary>Starts the host with one enabled channel (<c>pos</c> or <c>pay-attention</c>) at an emulator's address.</summary>
    public static async Task<AnswerRig> StartAsync(string channel, Uri emulator, int messages)
    {
        var settings = new Dictionary<string, string?>
        {
            ["McuHub:Host:PluginsPath"] = "plugins",
            ["McuHub:Host:Outbox:PollInterval"] = "00:00:00.100",
            ["McuHub:Host:Outbox:RetryDelay"] = "00:00:00.100",
            [$"McuHub:Channels:{channel}:Enabled"] = "true",
            [$"McuHub:Channels:{channel}:PollInterval"] = "00:10:00",
            [$"McuHub:Channels:{channel}:Settings:BaseAddress"] = emulator.AbsoluteUri,
            ["McuHub:Recipients:1:Code"] = "parks-dept",
            ["McuHub:Recipients:1:Name"] = "Управление благоустройства",
        };
        Add(settings, 1, "executor-roads", RoadsExecutorKey, "executor", "roads-dept");
        Add(settings, 2, "executor-parks", ParksExecutorKey, "executor", "parks-dept");
        Add(settings, 3, "mcu-specialist", SpecialistKey, "mcu-specialist", null);
        var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), settings);
        await host.WaitForMessagesAsync(messages, TimeSpan.FromSeconds(30));
        return new AnswerRig(host);
    }

    /// <summary>A key that acts in one role of the regulations (its permissions are the role's), for one recipient or none.</summary>
    public static void Add(Dictionary<string, string?> settings, int index, string name, string key, string role, string? recipient, string tenant = "")
    {
        foreach (var (k, v) in TestHost.Credential(index, name, key, tenant, "read"))
            settings[k] = v;
        settings[$"McuHub:Security:ApiKeys:{index}:Roles:0"] = role;
        if (recipient is not null)
            settings[$"McuHub:Security:ApiKeys:{index}:Recipients:0"] = recipient;
    }

    public AnswerService.AnswerServiceClient Answers(string? key = null)
    {
        if (key is null)
            return new AnswerService.AnswerServiceClient(Host.Channel);
        var channel = Host.ChannelFor(key);
        _channels.Add(channel);
        return new AnswerService.AnswerServiceClient(channel);
    }

    public MessageService.MessageServiceClient Messages => new(Host.Channel);

    /// <summary>The hub's id of the channel's item, assigned to the roads department.</summary>
    public async Task<string> RoadsMessageAsync(string channel, string externalId)
    {
        var message = (await Host.Store.FindBySourceAsync(channel, externalId, CancellationToken.None))!;
        if (!message.Recipients.SequenceEqual(["roads-dept"]))
            await Messages.ReassignMessageAsync(new ReassignMessageRequest { Id = message.Id, Recipients = { "roads-dept" }, Reason = "Ямы на дорогах — дорожное хозяйство" });
        return message.Id;
    }

    /// <summary>Reads until a condition holds or 30 seconds pass.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = Environment.TickCount64 + 30_000;
        var value = await read();
        while (!done(value) && Environment.TickCount64 < deadline)
        {
            await Task.Delay(100);
            value = await read();
        }

        return value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
            channel.Dispose();
        await Host.DisposeAsync();
    }
}
