using MCU.Hub.Events;
using MCU.Hub.Messages;
using MCU.Hub.Outbox;
using MCU.Hub.Quarantine;
using MCU.Hub.Records;
using MCU.Hub.Storage;

namespace MCU.Hub.Storage.PostgreSql.Tests;

/// <summary>
/// The contract of <see cref="IHubStore"/>, run against every backend: atomic writes, dedup by
/// (tenant, channel, external id), event sequence without gaps, filters and paging, durability across a restart.
/// </summary>
public abstract class HubStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private StoreBackend _backend = null!;

    protected IHubStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _backend = await CreateBackendAsync();
        Store = _backend.Open();
    }

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    protected abstract Task<StoreBackend> CreateBackendAsync();

    /// <summary>Gets whether several store instances may be open on one database at once (a server backend).</summary>
    protected abstract bool SharedByInstances { get; }

    [Fact]
    public async Task CommitIntake_NewAndRedelivered_StoresEachSourceOnceAndNamesTheStoredMessage()
    {
        var first = await Store.CommitIntakeAsync(Batch(Item("m-001", "A-1"), Item("m-002", "A-2")), None);
        var second = await Store.CommitIntakeAsync(Batch(Item("m-003", "A-2"), Item("m-004", "A-3"), Item("m-005", "A-3")), None);

        Assert.Equal([new("m-001", false), new("m-002", false)], first);
        Assert.Equal([new("m-002", true), new("m-004", false), new("m-004", true)], second);
        Assert.Equal(3, await Store.CountMessagesAsync(None));
        Assert.Null(await Store.GetMessageAsync("m-003", None));
        Assert.Null(await Store.GetMessageAsync("m-005", None));
    }

    [Fact]
    public async Task CommitIntake_Duplicate_WritesNoHistoryAndNoEvents()
    {
        await Store.CommitIntakeAsync(Batch(Item("m-001", "A-1")), None);
        var before = await Store.GetLastEventSequenceAsync(None);

        await Store.CommitIntakeAsync(Batch(Item("m-002", "A-1")), None);

        Assert.Equal(before, await Store.GetLastEventSequenceAsync(None));
        Assert.Single(await Store.GetHistoryAsync("m-001", None));
        Assert.Empty(await Store.GetHistoryAsync("m-002", None));
    }

    [Fact]
    public async Task CommitIntake_SameExternalIdInTwoTenants_StoresBothAndFindsEachByTenant()
    {
        var outcomes = await Store.CommitIntakeAsync(Batch(Item("m-001", "X-1", tenant: "45000000"), Item("m-002", "X-1", tenant: "46000000")), None);

        Assert.All(outcomes, o => Assert.False(o.Duplicate));
        Assert.Equal("m-001", (await Store.FindBySourceAsync("45000000", "pos", "X-1", None))!.Id);
        Assert.Equal("m-002", (await Store.FindBySourceAsync("46000000", "pos", "X-1", None))!.Id);
        Assert.NotNull(await Store.FindBySourceAsync("pos", "X-1", None));
        Assert.Null(await Store.FindBySourceAsync("47000000", "pos", "X-1", None));
        Assert.Null(await Store.FindBySourceAsync("api", "X-1", None));
    }

    [Fact]
    public async Task CommitIntake_CheckpointsRecordsAndQuarantine_AreWrittenWithTheMessages()
    {
        var record = new StoredRecord { Id = StoredRecord.KeyOf("pos", "poll", "P-1"), Channel = "pos", Type = "poll", ExternalId = "P-1", OccurredAt = T0, StoredAt = T0, Fields = { ["q"] = "1" } };
        var held = Held("q-1");
        await Store.CommitIntakeAsync(Batch(Item("m-001", "A-1")) with { Records = [record], Quarantine = [held] }, None);

        var older = new StoredRecord { Id = record.Id, Channel = "pos", Type = "poll", ExternalId = "P-1", OccurredAt = T0.AddHours(-1), StoredAt = T0, Fields = { ["q"] = "old" } };
        var newer = new StoredRecord { Id = record.Id, Channel = "pos", Type = "poll", ExternalId = "P-1", OccurredAt = T0.AddHours(1), StoredAt = T0, Fields = { ["q"] = "new" } };
        var again = Held("q-1");
        again.Reason = "другая причина";
        await Store.CommitIntakeAsync(new IntakeBatch([], new Dictionary<string, string?> { ["pos"] = "cp-2" }) { Records = [older], Quarantine = [again] }, None);
        Assert.Equal("1", Assert.Single(await Store.ListRecordsAsync(new RecordQuery { Channel = "pos" }, None)).Fields["q"]);
        await Store.CommitIntakeAsync(new IntakeBatch([], new Dictionary<string, string?>()) { Records = [newer] }, None);

        Assert.Equal("cp-2", await Store.GetCheckpointAsync("pos", None));
        Assert.Null(await Store.GetCheckpointAsync("edds", None));
        Assert.Equal("new", Assert.Single(await Store.ListRecordsAsync(new RecordQuery { Type = "poll", From = T0, To = T0.AddHours(2) }, None)).Fields["q"]);
        Assert.Empty(await Store.ListRecordsAsync(new RecordQuery { Type = "page" }, None));
        Assert.Equal(held.Reason, (await Store.GetQuarantinedAsync("q-1", None))!.Reason);
    }

    [Fact]
    public async Task CommitIntake_Message_RoundTripsEveryField()
    {
        var item = Item("m-001", "A-1", tenant: "");
        var m = item.Message;
        m.Metadata["source"] = "портал";
        m.Tags.Add("срочно");
        m.Attachments.Add("https://example.org/a.jpg");
        m.Latitude = 55.75;
        m.Longitude = 37.61;
        m.DueAt = T0.AddDays(3).AddTicks(7);
        m.Answer = new MessageAnswer { Text = "Отремонтировано", AnsweredAt = T0.AddDays(1), AnsweredBy = "roads" };
        m.Satisfaction = 4;
        await Store.CommitIntakeAsync(Batch(item), None);

        var read = (await Store.GetMessageAsync("m-001", None))!;

        Assert.Equal("", read.Tenant);
        Assert.Equal(m.Text, read.Text);
        Assert.Equal(m.RegisteredAt, read.RegisteredAt);
        Assert.Equal(m.DueAt, read.DueAt);
        Assert.Equal(m.Status, read.Status);
        Assert.Equal(m.Recipients, read.Recipients);
        Assert.Equal("портал", read.Metadata["source"]);
        Assert.Equal(["срочно"], read.Tags);
        Assert.Equal(m.Answer.Text, read.Answer!.Text);
        Assert.Equal(m.Latitude, read.Latitude);
        Assert.Equal(4, read.Satisfaction);
        Assert.Equal(m.Id, (await Store.FindBySourceAsync("", "pos", "A-1", None))!.Id);
    }

    [Fact]
    public async Task UpdateMessage_AtTheExpectedVersion_SavesWithHistoryEventsAndDeliveries()
    {
        await Store.CommitIntakeAsync(Batch(Item("m-001", "A-1")), None);
        var message = (await Store.GetMessageAsync("m-001", None))!;
        message.Status = MessageStatus.Answered;
        var delivery = Delivery("d-1", "m-001", T0);
        var history = new MessageHistoryEntry { MessageId = "m-001", At = T0, Actor = "test", Action = "answered" };
        var e = new HubEvent { Type = HubEventTypes.Answered, MessageId = "m-001", Channel = "pos", At = T0 };

        Assert.True(await Store.UpdateMessageAsync(message, 0, new MessageUpdate([history], [e], [delivery]), None));

        var stored = (await Store.GetMessageAsync("m-001", None))!;
        Assert.Equal(1, stored.Version);
        Assert.Equal(MessageStatus.Answered, stored.Status);
        Assert.Equal(["received", "answered"], (await Store.GetHistoryAsync("m-001", None)).Select(h => h.Action));
        Assert.Equal(e.Sequence, await Store.GetLastEventSequenceAsync(None));
        Assert.Equal("45000000", (await Store.ReadEventsAsync(e.Sequence - 1, 10, None)).Single().Tenant);
        Assert.Equal("d-1", (await Store.GetDeliveryAsync("d-1", None))!.Id);
    }

    [Fact]
    public async Task UpdateMessage_WithDraftInterimAnswersAndEvidence_KeepsThemAll()
    {
        await Store.CommitIntakeAsync(Batch(Item("m-001", "A-1")), None);
        var message = (await Store.GetMessageAsync("m-001", None))!;
        var photo = new Answers.AnswerEvidence { Kind = Answers.EvidenceKind.Photo, Url = "https://files.example/1.jpg", CapturedAt = T0, Description = "после" };
        var track = new Answers.AnswerEvidence { Kind = Answers.EvidenceKind.GlonassTrack, Url = "https://glonass.example/t/1" };
        message.Draft = new Answers.AnswerDraft
        {
            Revision = 2, State = Answers.DraftState.Approved, Text = "Яма заделана.", Attachments = ["https://files.example/act.pdf"], Evidence = [photo, track],
            AnsweredBy = "roads-dept", TemplateId = "t-1", Author = "executor", CreatedAt = T0, UpdatedAt = T0.AddHours(1),
            ReviewedBy = "specialist", ReviewedAt = T0.AddHours(2), ReviewComment = "ok", ReworkCount = 1,
        };
        message.InterimAnswers = [new Answers.InterimAnswer { Text = "Работы запланированы.", ExpectedBy = T0.AddDays(10), Author = "executor", At = T0, SentToChannel = true }];
        message.Answer = new MessageAnswer { Text = "Яма заделана.", AnsweredAt = T0.AddHours(2), ApprovedBy = "specialist", Evidence = [photo, track], TemplateId = "t-1" };
        var interim = Delivery("d-1", "m-001", T0);
        (interim.Kind, interim.Status, interim.ExpectedBy) = ("interim", "interim_answer", T0.AddDays(10));

        Assert.True(await Store.UpdateMessageAsync(message, 0, new MessageUpdate([], [], [interim]), None));

        var stored = (await Store.GetMessageAsync("m-001", None))!;
        var draft = stored.Draft!;
        Assert.Equal((2, Answers.DraftState.Approved, "roads-dept", "t-1", 1, "ok"), (draft.Revision, draft.State, draft.AnsweredBy, draft.TemplateId, draft.ReworkCount, draft.ReviewComment));
        Assert.Equal((T0.AddHours(1), T0.AddHours(2)), (draft.UpdatedAt, draft.ReviewedAt));
        Assert.Equal(["https://files.example/act.pdf"], draft.Attachments);
        Assert.Equal([(Answers.EvidenceKind.Photo, "https://files.example/1.jpg", (DateTimeOffset?)T0, "после"), (Answers.EvidenceKind.GlonassTrack, "https://glonass.example/t/1", null, null)],
            draft.Evidence.Select(e => (e.Kind, e.Url, e.CapturedAt, e.Description)));
        var kept = Assert.Single(stored.InterimAnswers);
        Assert.Equal(("Работы запланированы.", T0.AddDays(10), true), (kept.Text, kept.ExpectedBy, kept.SentToChannel));
        Assert.Equal(("specialist", "t-1", 2), (stored.Answer!.ApprovedBy, stored.Answer.TemplateId, stored.Answer.Evidence.Count));
        var delivery = (await Store.GetDeliveryAsync("d-1", None))!;
        Assert.Equal(("interim", T0.AddDays(10)), (delivery.Kind, delivery.ExpectedBy));
    }

    [Fact]
    public async Task UpdateMessage_AfterSomeoneElseChangedIt_ReturnsFalseAndWritesNothing()
    {
        await Store.CommitIntakeAsync(Batch(Item("m-001", "A-1")), None);
        var mine = (await Store.GetMessageAsync("m-001", None))!;
        var theirs = (await Store.GetMessageAsync("m-001", None))!;
        theirs.Status = MessageStatus.InProgress;
        Assert.True(await Store.UpdateMessageAsync(theirs, 0, new MessageUpdate([], [], []), None));
        var last = await Store.GetLastEventSequenceAsync(None);

        mine.Status = MessageStatus.Rejected;
        var saved = await Store.UpdateMessageAsync(mine, 0, new MessageUpdate(
            [new MessageHistoryEntry { MessageId = "m-001", At = T0, Actor = "me", Action = "status" }],
            [new HubEvent { Type = HubEventTypes.StatusChanged, MessageId = "m-001", At = T0 }],
            [Delivery("d-9", "m-001", T0)]), None);

        Assert.False(saved);
        Assert.Equal(MessageStatus.InProgress, (await Store.GetMessageAsync("m-001", None))!.Status);
        Assert.Equal(last, await Store.GetLastEventSequenceAsync(None));
        Assert.Single(await Store.GetHistoryAsync("m-001", None));
        Assert.Null(await Store.GetDeliveryAsync("d-9", None));
        Assert.False(await Store.UpdateMessageAsync(mine, 5, new MessageUpdate([], [], []), None));
        Assert.False(await Store.UpdateMessageAsync(new HubMessage { Id = "absent" }, 0, new MessageUpdate([], [], []), None));
    }

    [Fact]
    public async Task Events_FromConcurrentWriters_AreNumberedFromOneWithoutGaps()
    {
        var stores = SharedByInstances ? [Store, _backend.Open(), _backend.Open()] : new[] { Store };
        var writers = Enumerable.Range(0, 12).Select(w => Task.Run(async () =>
        {
            var store = stores[w % stores.Length];
            for (var i = 0; i < 10; i++)
            {
                if (i % 3 == 2)
                    await store.AppendEventAsync(new HubEvent { Type = "report.generated", At = T0, Tenant = "45000000" }, None);
                else
                    await store.CommitIntakeAsync(Batch(Item($"m-{w:D2}-{i:D2}", $"C-{w}-{i}"), Item($"m-{w:D2}-{i:D2}b", $"C-{w}-{i}")), None);
            }
        })).ToArray();
        await Task.WhenAll(writers);

        var events = await Store.ReadEventsAsync(0, 10_000, None);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(12 * (7 + 3), events.Count);
        Assert.Equal(events.Count, await Store.GetLastEventSequenceAsync(None));
        Assert.Equal(events.Skip(40).Select(e => e.Sequence), (await Store.ReadEventsAsync(40, 10_000, None)).Select(e => e.Sequence));
        Assert.Equal(5, (await Store.ReadEventsAsync(40, 5, None)).Count);
    }

    [Fact]
    public async Task CommitIntake_SameSourcesFromConcurrentWriters_StoresEachOnceAndAgreesOnItsId()
    {
        var stores = SharedByInstances ? [Store, _backend.Open(), _backend.Open(), _backend.Open()] : new[] { Store };
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var keys = Enumerable.Range(0, 40).Select(k => $"S-{k:D2}");
            var items = (w % 2 == 0 ? keys : keys.Reverse()).Select(k => Item($"m-{w}-{k}", k)).ToArray();
            return await stores[w % stores.Length].CommitIntakeAsync(Batch(items), None);
        })));

        Assert.Equal(40, await Store.CountMessagesAsync(None));
        var byKey = results.SelectMany(r => r).GroupBy(o => o.MessageId).ToList();
        Assert.Equal(40, byKey.Count);
        Assert.All(byKey, g => Assert.Single(g, o => !o.Duplicate));
        var events = await Store.ReadEventsAsync(0, 1000, None);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task AppendEvent_ReturnsItsSequence_AndKeepsItsTenant()
    {
        Assert.Equal(0, await Store.GetLastEventSequenceAsync(None));
        var first = await Store.AppendEventAsync(new HubEvent { Type = "report.generated", At = T0, Tenant = "46000000", Summary = "Отчёт" }, None);
        var second = await Store.AppendEventAsync(new HubEvent { Type = "report.generated", At = T0 }, None);

        Assert.Equal((1, 2), (first, second));
        var events = await Store.ReadEventsAsync(0, 10, None);
        Assert.Equal("46000000", events[0].Tenant);
        Assert.Equal("Отчёт", events[0].Summary);
        Assert.Null(events[1].Tenant);
    }

    [Fact]
    public async Task ListMessages_FiltersAndPages_ReturnEachMatchOnceNewestFirst()
    {
        var items = Enumerable.Range(0, 30).Select(i =>
        {
            var item = Item($"m-{i:D3}", "L-" + i, tenant: i % 2 == 0 ? "45000000" : "46000000", channel: i % 3 == 0 ? "api" : "pos");
            item.Message.Block = i % 2 == 0 ? "roads" : "housing-utilities";
            item.Message.Category = i % 2 == 0 ? "potholes" : "heating";
            item.Message.Recipients = i % 2 == 0 ? ["roads-dept"] : ["utilities", "heat"];
            item.Message.Status = i % 5 == 0 ? MessageStatus.New : MessageStatus.Routed;
            item.Message.RegisteredAt = T0.AddMinutes(i);
            item.Message.DueAt = i % 4 == 0 ? null : T0.AddDays(i);
            return item;
        }).ToArray();
        await Store.CommitIntakeAsync(Batch(items), None);

        var seen = new List<HubMessage>();
        string? cursor = null;
        do
        {
            var page = await Store.ListMessagesAsync(new MessageQuery { Category = "roads", PageSize = 4, Cursor = cursor }, None);
            Assert.True(page.Items.Count <= 4);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, 30).Where(i => i % 2 == 0).Reverse().Select(i => $"m-{i:D3}"), seen.Select(m => m.Id));
        Assert.Equal(15, await CountAsync(new MessageQuery { Category = "heating" }));
        Assert.Equal(15, await CountAsync(new MessageQuery { Tenants = ["46000000"] }));
        Assert.Equal(30, await CountAsync(new MessageQuery { Tenants = ["45000000", "46000000"] }));
        Assert.Equal(0, await CountAsync(new MessageQuery { Tenants = ["47000000"] }));
        Assert.Equal(6, await CountAsync(new MessageQuery { Statuses = [MessageStatus.New] }));
        Assert.Equal(30, await CountAsync(new MessageQuery { Statuses = [MessageStatus.New, MessageStatus.Routed] }));
        Assert.Equal(10, await CountAsync(new MessageQuery { Channel = "api" }));
        Assert.Equal(15, await CountAsync(new MessageQuery { Recipient = "heat" }));
        Assert.Equal(Enumerable.Range(0, 30).Count(i => i % 2 == 1 && i % 3 != 0), await CountAsync(new MessageQuery { Recipient = "utilities", Channel = "pos" }));
        Assert.Equal(5, await CountAsync(new MessageQuery { RegisteredFrom = T0.AddMinutes(10), RegisteredTo = T0.AddMinutes(15) }));
        Assert.Equal(Enumerable.Range(0, 10).Count(i => i % 4 != 0), await CountAsync(new MessageQuery { DueBefore = T0.AddDays(10) }));
    }

    [Fact]
    public async Task ListMessages_DeadlineWindow_ReturnsEachMessageDueInItOnce_WithSharedDeadlinesAcrossPages()
    {
        // Deadlines fall on the ends of days, so many messages share one: paging must neither repeat nor skip them.
        var items = Enumerable.Range(0, 30).Select(i =>
        {
            var item = Item($"m-{i:D3}", "W-" + i);
            item.Message.Status = i % 5 == 0 ? MessageStatus.Answered : MessageStatus.Routed;
            item.Message.DueAt = i % 4 == 0 ? null : T0.AddDays(i % 10);
            return item;
        }).ToArray();
        await Store.CommitIntakeAsync(Batch(items), None);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Store.ListMessagesAsync(new MessageQuery { Statuses = [MessageStatus.Routed], DueFrom = T0.AddDays(3), DueBefore = T0.AddDays(6), PageSize = 2, Cursor = cursor }, None);
            seen.AddRange(page.Items.Select(m => m.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var expected = Enumerable.Range(0, 30).Where(i => i % 4 != 0 && i % 5 != 0 && i % 10 is >= 3 and < 6).Reverse().Select(i => $"m-{i:D3}");
        Assert.Equal(expected, seen);
        Assert.Equal(Enumerable.Range(0, 30).Count(i => i % 4 != 0 && i % 10 >= 7), await CountAsync(new MessageQuery { DueFrom = T0.AddDays(7) }));
    }

    [Fact]
    public async Task GetHistory_ReturnsAMessagesEntriesOldestFirst()
    {
        var item = Item("m-001", "A-1");
        var history = item.History.Concat([
            new MessageHistoryEntry { MessageId = "m-001", At = T0, Actor = "system", Action = "classified" },
            new MessageHistoryEntry { MessageId = "m-001", At = T0, Actor = "system", Action = "routed" }]).ToList();
        await Store.CommitIntakeAsync(Batch(item with { History = history }, Item("m-002", "A-2")), None);

        var read = await Store.GetHistoryAsync("m-001", None);

        // The order is the contract; entry ids are the backend's own (LiteDB keeps the intake's entries in one document).
        Assert.Equal(["received", "classified", "routed"], read.Select(h => h.Action));
        Assert.All(read, h => Assert.Equal("m-001", h.MessageId));
        Assert.Empty(await Store.GetHistoryAsync("absent", None));
    }

    [Fact]
    public async Task Outbox_DueDeliveries_AreThePendingAndSentOfTheChannelWhoseTimeHasCome()
    {
        var pending = Delivery("d-1", "m-1", T0.AddMinutes(-5));
        var sent = Delivery("d-2", "m-1", T0.AddMinutes(-10));
        sent.State = DeliveryState.Sent;
        var later = Delivery("d-3", "m-2", T0.AddMinutes(5));
        var done = Delivery("d-4", "m-2", T0.AddMinutes(-20));
        done.State = DeliveryState.Acknowledged;
        var other = Delivery("d-5", "m-3", T0.AddMinutes(-20));
        other.Channel = "edds";
        foreach (var d in new[] { pending, sent, later, done, other })
            await Store.SaveDeliveryAsync(d, None);

        Assert.Equal(["d-2", "d-1"], (await Store.GetDueDeliveriesAsync("pos", T0, 10, None)).Select(d => d.Id));
        Assert.Equal(["d-2"], (await Store.GetDueDeliveriesAsync("pos", T0, 1, None)).Select(d => d.Id));
        Assert.Equal(["d-5"], (await Store.GetDueDeliveriesAsync("edds", T0, 10, None)).Select(d => d.Id));

        pending.State = DeliveryState.Acknowledged;
        await Store.SaveDeliveryAsync(pending, None);
        Assert.Equal(["d-2"], (await Store.GetDueDeliveriesAsync("pos", T0, 10, None)).Select(d => d.Id));
        Assert.Equal(2, (await Store.ListDeliveriesAsync([DeliveryState.Acknowledged], null, 10, None)).Count);
        Assert.Equal(["d-1", "d-2"], (await Store.ListDeliveriesAsync([], "m-1", 10, None)).Select(d => d.Id).Order());
        Assert.Equal(5, (await Store.ListDeliveriesAsync([], null, 10, None)).Count);
        Assert.Null(await Store.GetDeliveryAsync("absent", None));
    }

    [Fact]
    public async Task Quarantine_ListsByStateAndChannel_AndSavesNewStates()
    {
        await Store.SaveQuarantinedAsync(Held("q-1"), None);
        var edds = Held("q-2");
        edds.Channel = "edds";
        edds.QuarantinedAt = T0.AddMinutes(1);
        await Store.SaveQuarantinedAsync(edds, None);
        var replayed = Held("q-1");
        replayed.State = QuarantineState.Replayed;
        replayed.MessageId = "m-7";
        await Store.SaveQuarantinedAsync(replayed, None);

        Assert.Equal(["q-2"], (await Store.ListQuarantineAsync(QuarantineState.Held, null, 10, None)).Select(q => q.Id));
        Assert.Equal(["q-1"], (await Store.ListQuarantineAsync(null, "pos", 10, None)).Select(q => q.Id));
        Assert.Equal(["q-1", "q-2"], (await Store.ListQuarantineAsync(null, null, 10, None)).Select(q => q.Id));
        Assert.Equal("m-7", (await Store.GetQuarantinedAsync("q-1", None))!.MessageId);
        Assert.Null(await Store.GetQuarantinedAsync("absent", None));
    }

    [Fact]
    public async Task BulkRead_WhereTheStoreOffersIt_ReturnsTheMessagesThatExist()
    {
        await Store.CommitIntakeAsync(Batch(Item("m-001", "A-1"), Item("m-002", "A-2"), Item("m-003", "A-3")), None);
        if (Store is not IBulkMessageReader bulk)
            return;

        var read = await bulk.GetMessagesAsync(["m-003", "m-001", "absent"], None);

        Assert.Equal(["m-001", "m-003"], read.Select(m => m.Id).Order());
        Assert.Empty(await bulk.GetMessagesAsync([], None));

        var all = new List<HubMessage>();
        await foreach (var m in bulk.ReadAllAsync(None))
            all.Add(m);
        Assert.Equal(["m-001", "m-002", "m-003"], all.Select(m => m.Id).Order());
        var first = all.Single(m => m.Id == "m-001");
        Assert.Equal("Яма на дороге у дома 5", first.Text);
        Assert.Equal(["roads-dept"], first.Recipients);
        Assert.Equal("roads", first.Block);
        Assert.Equal((await Store.GetMessageAsync("m-001", None))!.RegisteredAt, first.RegisteredAt);
    }

    [Fact]
    public async Task Settings_AreReplacedAndReadBack()
    {
        Assert.Null(await Store.GetSettingAsync("deadlines.fingerprint", None));
        await Store.SetSettingAsync("deadlines.fingerprint", "a", None);
        await Store.SetSettingAsync("deadlines.fingerprint", "b", None);

        Assert.Equal("b", await Store.GetSettingAsync("deadlines.fingerprint", None));
    }

    [Fact]
    public async Task EveryWrite_IsThereAfterARestart()
    {
        await Store.CommitIntakeAsync(Batch(Item("m-001", "A-1"), Item("m-002", "A-2")), None);
        await Store.AppendEventAsync(new HubEvent { Type = "report.generated", At = T0 }, None);
        await Store.SetSettingAsync("k", "v", None);
        await Store.SaveDeliveryAsync(Delivery("d-1", "m-001", T0), None);
        var events = await Store.GetLastEventSequenceAsync(None);

        var reopened = _backend.Open();

        Assert.Equal(2, await reopened.CountMessagesAsync(None));
        Assert.Equal("cp", await reopened.GetCheckpointAsync("pos", None));
        Assert.Equal(events, await reopened.GetLastEventSequenceAsync(None));
        Assert.Equal("v", await reopened.GetSettingAsync("k", None));
        Assert.NotNull(await reopened.GetDeliveryAsync("d-1", None));
        var next = await reopened.AppendEventAsync(new HubEvent { Type = "report.generated", At = T0 }, None);
        Assert.Equal(events + 1, next);
        Assert.Equal([new("m-001", true)], await reopened.CommitIntakeAsync(Batch(Item("m-009", "A-1")), None));
    }

    private async Task<int> CountAsync(MessageQuery query) => (await Store.ListMessagesAsync(query with { PageSize = 1000 }, None)).Items.Count;

    private static IntakeBatch Batch(params IntakeItem[] items) => new(items, new Dictionary<string, string?> { ["pos"] = "cp" });

    private static IntakeItem Item(string id, string externalId, string tenant = "45000000", string channel = "pos")
    {
        var message = new HubMessage
        {
            Id = id,
            Tenant = tenant,
            Kind = MessageKind.Appeal,
            Channel = channel,
            ExternalId = externalId,
            Text = "Яма на дороге у дома 5",
            AuthorName = "Иванова Мария Петровна",
            ReceivedAt = new DateTimeOffset(2026, 3, 1, 18, 30, 0, TimeSpan.FromHours(3)),
            RegisteredAt = T0.AddTicks(1234567),
            Status = MessageStatus.Routed,
            Block = "roads",
            Recipients = ["roads-dept"],
            UpdatedAt = T0,
        };
        return new IntakeItem(
            message,
            [new MessageHistoryEntry { MessageId = id, At = T0, Actor = "channel:" + channel, Action = "received" }],
            [new HubEvent { Type = HubEventTypes.Received, MessageId = id, Channel = channel, At = T0 }]);
    }

    private static OutboxDelivery Delivery(string id, string messageId, DateTimeOffset next) => new()
    {
        Id = id,
        MessageId = messageId,
        Channel = "pos",
        ExternalId = "A-1",
        Kind = "answer",
        Text = "Ответ",
        Status = "answered",
        ChangedAt = next,
        State = DeliveryState.Pending,
        NextAttemptAt = next,
    };

    private static QuarantinedItem Held(string id) => new()
    {
        Id = id,
        Channel = "pos",
        ExternalId = "B-1",
        PayloadKind = QuarantinedItem.RawPayload,
        Payload = "{not json",
        Reason = "не JSON",
        QuarantinedAt = T0,
        State = QuarantineState.Held,
    };
}

/// <summary>The contract against the embedded LiteDB store.</summary>
public sealed class LiteDbHubStoreContractTests : HubStoreContractTests
{
    protected override bool SharedByInstances => false;

    protected override Task<StoreBackend> CreateBackendAsync() => Task.FromResult<StoreBackend>(new LiteDbBackend());
}

/// <summary>The contract against PostgreSQL (<c>MCUHUB_TEST_POSTGRES</c>).</summary>
public sealed class PostgreSqlHubStoreContractTests : HubStoreContractTests
{
    protected override bool SharedByInstances => true;

    protected override async Task<StoreBackend> CreateBackendAsync() => await PostgreSqlBackend.CreateAsync();
}
