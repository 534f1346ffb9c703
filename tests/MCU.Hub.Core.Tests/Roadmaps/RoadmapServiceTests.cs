using MCU.Hub.Events;
using MCU.Hub.Intake;
using MCU.Hub.Roadmaps;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Roadmaps;

public sealed class RoadmapServiceTests
{
    private static async Task<List<string>> SubmitAsync(TestHub hub, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
            ids.Add((await hub.Get<IMessageIntake>().SubmitAsync("api", TestHub.Item($"rm-{i}"), "test", CancellationToken.None)).MessageId!);
        return ids;
    }

    [Fact]
    public async Task Implementing_SetsTheFactOnEveryLinkedMessage_CancelledMeasuresAside()
    {
        await using var hub = new TestHub();
        var ids = await SubmitAsync(hub, 3);
        var service = hub.Get<RoadmapService>();
        var roadmap = await service.CreateFromMessagesAsync("", "Ямы", "Покрытие", ids, "test", CancellationToken.None);
        Assert.Equal("roads", roadmap.Block);
        await service.AddMeasureAsync("", roadmap.Id, "Ремонт", "roads-dept", new DateOnly(2026, 3, 10), "test", CancellationToken.None);
        await service.AddMeasureAsync("", roadmap.Id, "Замена покрытия", "roads-dept", new DateOnly(2026, 3, 20), "test", CancellationToken.None);

        await service.UpdateMeasureAsync("", roadmap.Id, "m2", new MeasureChange { State = MeasureState.Cancelled }, "test", CancellationToken.None);
        var cancelledOnly = await hub.Get<IHubStore>().GetMessageAsync(ids[0], CancellationToken.None);
        Assert.Null(cancelledOnly!.RoadmapImplementedAt);

        hub.Time.Advance(TimeSpan.FromHours(2));
        roadmap = await service.UpdateMeasureAsync("", roadmap.Id, "m1", new MeasureChange { State = MeasureState.Done }, "test", CancellationToken.None);
        Assert.Equal(RoadmapState.Implemented, roadmap.State);
        foreach (var id in ids)
        {
            var message = (await hub.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None))!;
            Assert.Equal(roadmap.Id, message.RoadmapId);
            Assert.Equal(hub.Time.GetUtcNow(), message.RoadmapImplementedAt);
        }

        var events = await hub.Get<IHubStore>().ReadEventsAsync(0, 10_000, CancellationToken.None);
        Assert.Single(events, e => e.Type == HubEventTypes.RoadmapImplemented);
        Assert.Equal(6, events.Count(e => e.Type == HubEventTypes.RoadmapChanged));
        var nothing = await Assert.ThrowsAsync<HubValidationException>(() => service.UpdateMeasureAsync("", roadmap.Id, "m1", new MeasureChange { State = MeasureState.Done }, "test", CancellationToken.None));
        Assert.Equal("measure_id", nothing.Field);
    }

    [Fact]
    public async Task OverdueMeasure_IsEscalatedOncePerDueDate_OnlyWhenNotDone()
    {
        await using var hub = new TestHub();
        var ids = await SubmitAsync(hub, 1);
        var service = hub.Get<RoadmapService>();
        var roadmap = await service.CreateFromMessagesAsync("", "Ямы", "Покрытие", ids, "test", CancellationToken.None);
        // The clock is 2 March 2026, 10:00 in Moscow.
        await service.AddMeasureAsync("", roadmap.Id, "Обследовать", "roads-dept", new DateOnly(2026, 3, 2), "test", CancellationToken.None);
        await service.AddMeasureAsync("", roadmap.Id, "Отремонтировать", "utilities", new DateOnly(2026, 3, 2), "test", CancellationToken.None);
        await service.UpdateMeasureAsync("", roadmap.Id, "m2", new MeasureChange { State = MeasureState.Done }, "test", CancellationToken.None);

        var midnight = new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.FromHours(3));
        Assert.Equal(0, await service.EscalateOverdueAsync(midnight.AddTicks(-1), CancellationToken.None));
        Assert.Equal(1, await service.EscalateOverdueAsync(midnight, CancellationToken.None));
        Assert.Equal(0, await service.EscalateOverdueAsync(midnight.AddDays(3), CancellationToken.None));

        var read = await service.GetAsync("", roadmap.Id, CancellationToken.None);
        Assert.Equal("block-head", read.Measures[0].Escalation!.Target);
        Assert.Equal("roads", read.Measures[0].Escalation!.Block);
        Assert.Null(read.Measures[1].Escalation);
        Assert.Single(read.History, h => h.Action == "escalated");
    }

    [Fact]
    public async Task AnotherMunicipalitysRoadmapAndMessages_AreMissing()
    {
        await using var hub = new TestHub(o =>
        {
            o.Oktmo = "71879000";
            o.Tenants = [new() { Oktmo = "71879000" }, new() { Oktmo = "71878000" }];
        });
        var ids = await SubmitAsync(hub, 1);
        var service = hub.Get<RoadmapService>();
        var roadmap = await service.CreateFromMessagesAsync("71879000", "Ямы", "Покрытие", ids, "test", CancellationToken.None);

        await Assert.ThrowsAsync<RoadmapNotFoundException>(() => service.GetAsync("71878000", roadmap.Id, CancellationToken.None));
        await Assert.ThrowsAsync<MessageNotFoundException>(() => service.CreateFromMessagesAsync("71878000", "Чужие", "П", ids, "test", CancellationToken.None));
        Assert.Empty(await service.ListAsync("71878000", null, CancellationToken.None));
        Assert.Single(await service.ListAsync("71879000", RoadmapState.Open, CancellationToken.None));
    }
}
