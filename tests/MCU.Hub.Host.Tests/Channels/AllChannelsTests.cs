using MCU.Hub.Emulators.Edds;
using MCU.Hub.Emulators.GovPublics;
using MCU.Hub.Emulators.IncidentManagement;
using MCU.Hub.Emulators.PayAttention;
using MCU.Hub.Emulators.Pos;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Records;

namespace MCU.Hub.Host.Tests.Channels;

/// <summary>
/// Every channel plugin, loaded from disk by the host, against its emulator over HTTP: a stretch of faults, a restart
/// mid-stream, replies — and in the end every item and record exactly once.
/// </summary>
public sealed class AllChannelsTests
{
    public static TheoryData<string> Channels() => ["pos", "incident-management", "pay-attention", "gov-publics", "edds"];

    private static Dictionary<string, string?> Settings(ChannelRig rig, int batchSize) => new()
    {
        ["McuHub:Host:PluginsPath"] = "plugins",
        ["McuHub:Host:Outbox:PollInterval"] = "00:00:00.100",
        ["McuHub:Host:Outbox:RetryDelay"] = "00:00:00.100",
        [$"McuHub:Channels:{rig.Code}:Enabled"] = "true",
        [$"McuHub:Channels:{rig.Code}:PollInterval"] = "00:00:00.150",
        [$"McuHub:Channels:{rig.Code}:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"McuHub:Channels:{rig.Code}:MaxRetries"] = "1",
        [$"McuHub:Channels:{rig.Code}:RetryDelay"] = "00:00:00.050",
        [$"McuHub:Channels:{rig.Code}:BreakDuration"] = "00:00:00.500",
        [$"McuHub:Channels:{rig.Code}:MaxBackoff"] = "00:00:00.500",
        [$"McuHub:Channels:{rig.Code}:Settings:BaseAddress"] = rig.BaseAddress.AbsoluteUri,
        [$"McuHub:Channels:{rig.Code}:Settings:Token"] = ChannelRig.Token,
    };

    [Theory]
    [MemberData(nameof(Channels))]
    public async Task Channel_AfterAStretchOfFaults_DeliversEveryItemAndRecordExactlyOnce(string code)
    {
        await using var rig = await ChannelRig.StartAsync(code, gradual: false);
        rig.FailNext(8, 503);
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), Settings(rig, batchSize: 13));

        await WaitUntilCompleteAsync(host, rig);
        await Task.Delay(400);
        await AssertExactlyOnceAsync(host, rig);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public async Task Channel_HostRestartedMidStream_LosesAndDoublesNothing(string code)
    {
        var path = TestHost.NewDatabasePath();
        await using var rig = await ChannelRig.StartAsync(code, gradual: true);
        await using (var host = await TestHost.StartAsync(path, Settings(rig, batchSize: 9)))
        {
            var deadline = Environment.TickCount64 + 30_000;
            while (await StoredAsync(host, rig) < 10 && Environment.TickCount64 < deadline)
                await Task.Delay(50);
        }

        await using (var host = await TestHost.StartAsync(path, Settings(rig, batchSize: 9)))
        {
            await WaitUntilCompleteAsync(host, rig);
            await Task.Delay(400);
            await AssertExactlyOnceAsync(host, rig);
        }
    }

    [Theory]
    [InlineData("pos")]
    [InlineData("incident-management")]
    [InlineData("pay-attention")]
    public async Task Channel_Answers_ReachTheExternalSystemExactlyOnce(string code)
    {
        await using var rig = await ChannelRig.StartAsync(code, gradual: false);
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), Settings(rig, batchSize: 50));
        await WaitUntilCompleteAsync(host, rig);
        var client = new MessageService.MessageServiceClient(host.Channel);

        var targets = rig.ItemIds()!.Take(3).ToList();
        rig.FailNext(2, 500);
        foreach (var externalId in targets)
        {
            var id = (await host.Store.FindBySourceAsync(code, externalId, CancellationToken.None))!.Id;
            await client.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = $"Ответ по существу на {externalId}: работы выполнены." });
        }

        var deadline = Environment.TickCount64 + 30_000;
        while (targets.Any(t => rig.Replies(t) == 0) && Environment.TickCount64 < deadline)
            await Task.Delay(100);
        await Task.Delay(500);
        Assert.All(targets, t => Assert.Equal(1, rig.Replies(t)));
    }

    private static async Task<long> StoredAsync(TestHost host, ChannelRig rig) =>
        await host.Store.CountMessagesAsync(CancellationToken.None)
        + (await host.Store.ListRecordsAsync(new RecordQuery { Channel = rig.Code, Limit = 1_000_000 }, CancellationToken.None)).Count;

    private static async Task WaitUntilCompleteAsync(TestHost host, ChannelRig rig)
    {
        var deadline = Environment.TickCount64 + 60_000;
        while (Environment.TickCount64 < deadline)
        {
            var records = (await host.Store.ListRecordsAsync(new RecordQuery { Channel = rig.Code, Limit = 1_000_000 }, CancellationToken.None)).Count;
            var items = await host.Store.CountMessagesAsync(CancellationToken.None);
            if (rig.Complete && records == rig.RecordCount() && (rig.ItemIds() is not { } ids || items == ids.Count))
                return;
            await Task.Delay(100);
        }
    }

    private static async Task AssertExactlyOnceAsync(TestHost host, ChannelRig rig)
    {
        var records = await host.Store.ListRecordsAsync(new RecordQuery { Channel = rig.Code, Limit = 1_000_000 }, CancellationToken.None);
        Assert.Equal(rig.RecordCount(), records.Count);
        Assert.Equal(records.Count, records.Select(r => r.Id).Distinct().Count());
        if (rig.ItemIds() is { } ids)
        {
            Assert.Equal(ids.Count, await host.Store.CountMessagesAsync(CancellationToken.None));
            foreach (var id in ids)
                Assert.NotNull(await host.Store.FindBySourceAsync(rig.Code, id, CancellationToken.None));
        }

        if (rig.Code == "edds")
        {
            // Every card is one call record at its newest version; the cards that need a municipal recipient are messages.
            Assert.All(records, r => Assert.Equal(rig.LatestVersion!(r.ExternalId), r.OccurredAt));
            var messages = await host.Store.ListMessagesAsync(new Storage.MessageQuery { Channel = "edds", PageSize = 1000 }, CancellationToken.None);
            Assert.NotEmpty(messages.Items);
            Assert.All(messages.Items, m => Assert.Equal(MessageKind.EmergencyCall, m.Kind));
        }
    }

    /// <summary>One channel's emulator, seen through what the tests need.</summary>
    private sealed class ChannelRig : IAsyncDisposable
    {
        public const string Token = "rig-token";
        private const int Total = 60;

        private ChannelRig(string code, IAsyncDisposable emulator, Uri baseAddress)
        {
            Code = code;
            Emulator = emulator;
            BaseAddress = baseAddress;
        }

        public string Code { get; }

        public IAsyncDisposable Emulator { get; }

        public Uri BaseAddress { get; }

        public Func<IReadOnlyList<string>?> ItemIds { get; private init; } = () => null;

        public Func<int> RecordCount { get; private init; } = () => 0;

        public Func<string, DateTimeOffset>? LatestVersion { get; private init; }

        public Action<int, int> FailNext { get; private init; } = (_, _) => { };

        public Func<string, int> Replies { get; private init; } = _ => 0;

        public Func<bool> Published { get; private init; } = () => true;

        public bool Complete => Published();

        public static async Task<ChannelRig> StartAsync(string code, bool gradual)
        {
            var initial = gradual ? 10 : Total;
            var rate = gradual ? 40 : 0;
            switch (code)
            {
                case "pos":
                {
                    var e = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = Total, InitialMessages = initial, MessagesPerSecond = rate, Seed = 31, Token = Token });
                    return new ChannelRig(code, e, e.BaseAddress)
                    {
                        ItemIds = () => [.. e.Messages.Select(m => m.Id)], FailNext = e.FailNext, Published = () => e.Messages.Count == Total,
                        Replies = id => e.Answers.Count(a => a.MessageId == id),
                    };
                }

                case "incident-management":
                {
                    var e = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = Total, InitialIncidents = initial, IncidentsPerSecond = rate, Seed = 31, Token = Token });
                    return new ChannelRig(code, e, e.BaseAddress)
                    {
                        ItemIds = () => [.. e.Incidents.Select(m => m.Id)], FailNext = e.FailNext, Published = () => e.Incidents.Count == Total,
                        Replies = id => e.Replies.Count(r => r.IncidentId == id),
                    };
                }

                case "pay-attention":
                {
                    var e = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = Total, InitialMessages = initial, MessagesPerSecond = rate, Seed = 31, Token = Token });
                    return new ChannelRig(code, e, e.BaseAddress)
                    {
                        ItemIds = () => [.. e.Messages.Select(m => m.Id)], FailNext = e.FailNext, Published = () => e.Messages.Count == Total,
                        Replies = id => e.Answers.Count(a => a.MessageId == id),
                    };
                }

                case "gov-publics":
                {
                    var e = await GovPublicsEmulator.StartAsync(new GovPublicsEmulatorOptions { PageCount = 8, HistoryWeeks = 3, Seed = 31, Token = Token });
                    return new ChannelRig(code, e, e.BaseAddress)
                    {
                        ItemIds = () => [], FailNext = e.FailNext, RecordCount = () => e.Pages.Count + e.Publications.Count,
                    };
                }

                default:
                {
                    // A frozen clock: the emulator publishes later versions of cards (taken into work, closed) as its clock
                    // reaches them, and the test compares against one settled state.
                    var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.FromHours(3)));
                    var e = await EddsEmulator.StartAsync(new EddsEmulatorOptions { TotalCards = Total, Seed = 31, Token = Token, TimeProvider = clock });
                    return new ChannelRig(code, e, e.BaseAddress)
                    {
                        FailNext = e.FailNext, RecordCount = () => e.Cards.Count, Published = () => e.Cards.Count == Total,
                        LatestVersion = id => e.Cards.Single(c => c.Id == id).UpdatedAt,
                    };
                }
            }
        }

        public ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }
}
