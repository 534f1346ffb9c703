using System.Runtime.CompilerServices;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Kpi;
using MCU.Hub.Kpi.Internal;
using MCU.Hub.Messages;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Kpi;

public sealed class MessageFactsProjectionTests
{
    private static readonly DateTimeOffset November = new(2026, 11, 2, 10, 0, 0, KpiSeed.Moscow);

    [Fact]
    public void A_record_is_128_bytes()
    {
        Assert.Equal(FactRecord.Size, Unsafe.SizeOf<FactRecord>());
        Assert.Equal(128, FactRecord.Size);
    }

    [Fact]
    public async Task Facts_read_back_from_the_file_equal_the_facts_built_from_the_messages()
    {
        await using var hub = new TestHub();
        var messages = Varied(200).ToList();
        await KpiSeed.StoreAsync(hub.Get<IHubStore>(), messages);
        var projection = hub.Get<MessageFactsProjection>();

        await projection.EnsureCurrentAsync(CancellationToken.None);

        Assert.Equal(messages.Count, projection.Count);
        var snapshot = projection.Snapshot().ToDictionary(f => f.Id, StringComparer.Ordinal);
        Assert.Equal(messages.Count, snapshot.Count);
        foreach (var message in messages)
        {
            var expected = projection.ToFact(message);
            AssertSameFact(expected, snapshot[message.Id]);
            AssertSameFact(expected, projection.Find(message.Id)!);
        }

        Assert.Null(projection.Find("no-such-message"));
        Assert.Null(projection.Find(Guid.CreateVersion7(November).ToString("N")));
    }

    [Fact]
    public async Task The_file_lies_beside_the_store_file_and_is_deleted_on_dispose()
    {
        await using var hub = new TestHub();
        await KpiSeed.StoreAsync(hub.Get<IHubStore>(), Varied(3));
        var projection = hub.Get<MessageFactsProjection>();
        await projection.EnsureCurrentAsync(CancellationToken.None);

        var path = Path.GetFullPath(hub.DatabasePath) + ".facts";
        Assert.Equal(path, projection.FilePath);
        Assert.True(File.Exists(path));

        projection.Dispose();

        Assert.False(File.Exists(path));
        Assert.Equal(0, projection.Count);
        Assert.Empty(projection.Snapshot());
        Assert.Null(projection.Find(Varied(1).Single().Id));
    }

    [Fact]
    public async Task An_empty_store_gives_an_empty_projection()
    {
        await using var hub = new TestHub();
        var projection = hub.Get<MessageFactsProjection>();
        Assert.Empty(projection.Snapshot());

        await projection.EnsureCurrentAsync(CancellationToken.None);

        Assert.Equal(0, projection.Count);
        Assert.Empty(projection.Snapshot());
        Assert.Null(projection.Find("a"));
        Assert.True(File.Exists(projection.FilePath));
    }

    [Fact]
    public async Task Changes_stored_after_the_load_are_applied_from_the_event_log()
    {
        await using var hub = new TestHub();
        var store = hub.Get<IHubStore>();
        await KpiSeed.StoreAsync(store, Varied(10));
        var projection = hub.Get<MessageFactsProjection>();
        await projection.EnsureCurrentAsync(CancellationToken.None);

        var later = Varied(7, start: 1_000).ToList();
        await KpiSeed.StoreAsync(store, later);
        await projection.EnsureCurrentAsync(CancellationToken.None);

        Assert.Equal(17, projection.Count);
        foreach (var message in later)
            AssertSameFact(projection.ToFact(message), projection.Find(message.Id)!);
    }

    [Fact]
    public async Task The_file_grows_across_remaps_and_a_known_id_is_updated_in_place()
    {
        await using var hub = new TestHub();
        var path = Path.Combine(Path.GetDirectoryName(hub.DatabasePath)!, "grow.facts");
        var projection = new MessageFactsProjection(hub.Get<IHubStore>(), hub.Get<WorkingCalendar>(), path, initialCapacity: 16);
        await projection.EnsureCurrentAsync(CancellationToken.None);
        Assert.Equal(16, projection.Capacity);

        var messages = Varied(20_000).ToList();
        var facts = messages.Select(projection.ToFact).ToList();
        projection.Apply(facts);

        Assert.Equal(20_000, projection.Count);
        Assert.Equal(32_768, projection.Capacity);
        Assert.Equal((32_768 * 128L) + (2 * 32_768 * 20L), new FileInfo(path).Length);
        for (var i = 0; i < facts.Count; i += 97)
            AssertSameFact(facts[i], projection.Find(facts[i].Id)!);
        var snapshot = projection.Snapshot();
        Assert.Equal(facts.Select(f => f.Id), snapshot.Select(f => f.Id));

        // The same ids again, changed: overwritten where they are, the count stays.
        var changed = facts.Select((f, i) => f with
        {
            Status = "closed",
            IsOpen = false,
            ReopenCount = f.ReopenCount + 1,
            Recipients = i % 2 == 0 ? ["utilities"] : ["a", "b", "c", "d", "e", "f"],
        }).ToList();
        projection.Apply(changed);
        projection.Apply(changed.Take(100));

        Assert.Equal(20_000, projection.Count);
        for (var i = 0; i < changed.Count; i += 89)
            AssertSameFact(changed[i], projection.Find(changed[i].Id)!);
        var again = projection.Snapshot();
        for (var i = 0; i < changed.Count; i++)
            AssertSameFact(changed[i], again[i]);

        projection.Dispose();
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_snapshot_taken_while_facts_are_applied_sees_no_torn_record()
    {
        await using var hub = new TestHub();
        using var projection = new MessageFactsProjection(hub.Get<IHubStore>(), hub.Get<WorkingCalendar>(), path: null, initialCapacity: 64);
        await projection.EnsureCurrentAsync(CancellationToken.None);
        var facts = Varied(2_000).Select(m => projection.ToFact(m) with { ReopenCount = 0, ReturnCount = 0 }).ToList();
        projection.Apply(facts);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var writer = Task.Run(() =>
        {
            // Every version of a fact has its two counters and its latitude equal: a torn read would break that.
            for (var round = 1; !stop.IsCancellationRequested; round++)
            {
                var r = round;
                projection.Apply(facts.Select(f => f with { ReopenCount = r, ReturnCount = r, Latitude = r }).Concat(Varied(5, start: 100_000 + (r * 5)).Select(projection.ToFact)));
            }
        });
        var snapshots = 0;
        while (!writer.IsCompleted)
        {
            foreach (var fact in projection.Snapshot().Take(2_000))
            {
                if (fact.ReopenCount > 0)
                {
                    Assert.Equal(fact.ReopenCount, fact.ReturnCount);
                    Assert.Equal(fact.ReopenCount, fact.Latitude);
                }
            }

            snapshots++;
        }

        await writer;
        Assert.True(snapshots > 1);
        Assert.Equal(projection.Snapshot().Count, projection.Count);
    }

    /// <summary>Messages with every nullable fact set and unset, one to seven recipients, hex and other ids, many channels.</summary>
    private static IEnumerable<HubMessage> Varied(int count, int start = 0)
    {
        for (var n = start; n < start + count; n++)
        {
            var i = n;
            var received = November.AddMinutes(i * 7).ToOffset(i % 3 == 0 ? TimeSpan.Zero : KpiSeed.Moscow);
            yield return KpiSeed.Message(received, channel: $"channel-{i % 9}", configure: m =>
            {
                m.Id = (i % 5) switch
                {
                    0 => $"m-{i}",
                    1 => Guid.CreateVersion7(received).ToString("N").ToUpperInvariant(),
                    _ => Guid.CreateVersion7(received).ToString("N"),
                };
                m.Kind = (MessageKind)(i % 4);
                m.Tenant = i % 2 == 0 ? "" : $"4570{i % 3}000";
                m.Block = i % 6 == 0 ? null : m.Block;
                m.Category = i % 4 == 0 ? null : $"category-{i % 11}";
                m.Territory = i % 7 == 0 ? null : m.Territory;
                m.Recipients = [.. Enumerable.Range(0, i % 8).Select(r => $"recipient-{(r + i) % 13}")];
                m.Status = Enum.GetValues<MessageStatus>()[i % Enum.GetValues<MessageStatus>().Length];
                m.DueAt = i % 5 == 2 ? null : received.AddDays(i % 10);
                m.FirstAnsweredAt = i % 3 == 1 ? received.AddHours(5 + (i % 40)) : null;
                m.Answer = i % 9 == 2 ? new MessageAnswer { Text = "Сделано", AnsweredBy = "x", AnsweredAt = received.AddHours(30) } : null;
                m.ClosedAt = i % 4 == 3 ? received.AddDays(3) : null;
                m.FastTrack = i % 2 == 1;
                m.AutomatedDelivery = i % 3 == 2;
                m.AutomatedControl = i % 5 == 4;
                m.RoadmapId = i % 6 == 1 ? "rm-1" : null;
                m.RoadmapImplementedAt = i % 12 == 1 ? received.AddDays(20) : null;
                m.Satisfaction = i % 6 == 0 ? null : i % 6;
                m.ReopenCount = i % 3;
                m.ReturnCount = i % 4;
                m.Latitude = i % 5 == 0 ? null : 56.85 + (i / 10_000.0);
                m.Longitude = i % 7 == 0 ? null : 60.6 - (i / 10_000.0);
            });
        }
    }

    private static void AssertSameFact(MessageFact expected, MessageFact actual)
    {
        Assert.Equal(expected.Recipients, actual.Recipients);
        // Record equality compares every other property; DateTimeOffset compares instants.
        Assert.Equal(expected with { Recipients = actual.Recipients }, actual);
        Assert.Equal(expected.ReceivedAt.UtcTicks, actual.ReceivedAt.UtcTicks);
        Assert.Equal(expected.ReceivedOn, actual.ReceivedOn);
        Assert.Equal(expected.AnsweredOnTime, actual.AnsweredOnTime);
    }
}
