using MCU.Hub.Channels;
using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Intake;

public sealed class IntakePipelineTests
{
    [Fact]
    public async Task SubmitAsync_NewItem_IsClassifiedRoutedGivenDeadlineAndStoredWithHistory()
    {
        await using var hub = new TestHub();
        var result = await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("P-1"), "test", CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.False(result.Duplicate);
        var message = await hub.Get<IHubStore>().GetMessageAsync(result.MessageId!, CancellationToken.None);
        Assert.NotNull(message);
        Assert.Equal("roads", message.Block);
        Assert.Equal("central", message.Territory);
        Assert.Equal(["roads-dept"], message.Recipients);
        Assert.Equal(MessageStatus.Routed, message.Status);
        Assert.Equal("Дороги", message.RoutedByRule);
        Assert.True(message.AutomatedDelivery);

        // Registered Monday 2026-03-02 10:00 Moscow; a message is due at the end of the 10th working day after it.
        // 7–8 March is a weekend and 9 March the holiday moved from Sunday 8 March, so the 10th is Tuesday 17 March.
        Assert.Equal(new DateTimeOffset(2026, 3, 18, 0, 0, 0, TimeSpan.FromHours(3)), message.DueAt);
        Assert.Equal("message", message.DeadlinePolicy);

        var history = await hub.Get<IHubStore>().GetHistoryAsync(message.Id, CancellationToken.None);
        Assert.Equal(["received", "classified", "routed", "deadline"], history.Select(h => h.Action));
    }

    [Fact]
    public async Task SubmitAsync_Redelivery_ReturnsExistingIdAndChangesNothing()
    {
        await using var hub = new TestHub();
        var intake = hub.Get<IMessageIntake>();
        var first = await intake.SubmitAsync("pos", TestHub.Item("P-1"), "test", CancellationToken.None);
        hub.Time.Advance(TimeSpan.FromHours(1));
        var again = await intake.SubmitAsync("pos", TestHub.Item("P-1", text: "Другой текст той же заявки"), "test", CancellationToken.None);

        Assert.True(again.Duplicate);
        Assert.Equal(first.MessageId, again.MessageId);
        var store = hub.Get<IHubStore>();
        Assert.Equal(1, await store.CountMessagesAsync(CancellationToken.None));
        var stored = await store.GetMessageAsync(first.MessageId!, CancellationToken.None);
        Assert.StartsWith("Огромная яма", stored!.Text);
        Assert.Equal(4, (await store.GetHistoryAsync(first.MessageId!, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task SubmitAsync_SameExternalIdInAnotherChannel_IsADifferentMessage()
    {
        await using var hub = new TestHub();
        var intake = hub.Get<IMessageIntake>();
        var a = await intake.SubmitAsync("pos", TestHub.Item("42"), "test", CancellationToken.None);
        var b = await intake.SubmitAsync("api", TestHub.Item("42"), "test", CancellationToken.None);

        Assert.NotEqual(a.MessageId, b.MessageId);
        Assert.False(b.Duplicate);
    }

    [Theory]
    [InlineData("", "channel")]
    [InlineData("unknown", "channel")]
    public async Task SubmitAsync_BadChannel_ThrowsNamingChannelAndStoresNothing(string channel, string field)
    {
        await using var hub = new TestHub();
        var error = await Assert.ThrowsAsync<HubValidationException>(() => hub.Get<IMessageIntake>().SubmitAsync(channel, TestHub.Item("1"), "test", CancellationToken.None));
        Assert.Equal(field, error.Field);
        Assert.Equal(0, await hub.Get<IHubStore>().CountMessagesAsync(CancellationToken.None));
    }

    private static readonly Dictionary<string, InboundItem> InvalidItems = new()
    {
        ["blank text"] = TestHub.Item("1", text: "   "),
        ["text over the limit"] = TestHub.Item("1", text: new string('я', 20_001)),
        ["no external id"] = TestHub.Item(""),
        ["latitude 91"] = TestHub.Item("1") with { Latitude = 91, Longitude = 30 },
        ["longitude -181"] = TestHub.Item("1") with { Latitude = 58, Longitude = -181 },
        ["latitude without longitude"] = TestHub.Item("1") with { Latitude = 58 },
        ["no time"] = TestHub.Item("1") with { CreatedAt = default },
        ["unknown kind"] = TestHub.Item("1") with { Kind = (MessageKind)42 },
    };

    [Theory]
    [InlineData("blank text", "text")]
    [InlineData("text over the limit", "text")]
    [InlineData("no external id", "external_id")]
    [InlineData("latitude 91", "latitude")]
    [InlineData("longitude -181", "longitude")]
    [InlineData("latitude without longitude", "longitude")]
    [InlineData("no time", "created_at")]
    [InlineData("unknown kind", "kind")]
    public async Task SubmitAsync_InvalidItem_ThrowsNamingTheFieldAndStoresNothing(string invalidCase, string field)
    {
        await using var hub = new TestHub();
        var error = await Assert.ThrowsAsync<HubValidationException>(() => hub.Get<IMessageIntake>().SubmitAsync("pos", InvalidItems[invalidCase], "test", CancellationToken.None));
        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ":", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await hub.Get<IHubStore>().CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SubmitBatchAsync_MixedBatch_StoresValidItemsRefusesInvalidOnesAndDeduplicatesWithinTheBatch()
    {
        await using var hub = new TestHub();
        var items = new[] { TestHub.Item("A"), TestHub.Item("B", text: ""), TestHub.Item("A"), TestHub.Item("C") };
        var results = await hub.Get<IMessageIntake>().SubmitBatchAsync("pos", items, "cursor-7", "test", CancellationToken.None);

        Assert.True(results[0].Accepted && !results[0].Duplicate);
        Assert.Equal("text", results[1].Error?.Field);
        Assert.True(results[2].Duplicate);
        Assert.Equal(results[0].MessageId, results[2].MessageId);
        Assert.True(results[3].Accepted && !results[3].Duplicate);
        var store = hub.Get<IHubStore>();
        Assert.Equal(2, await store.CountMessagesAsync(CancellationToken.None));
        Assert.Equal("cursor-7", await store.GetCheckpointAsync("pos", CancellationToken.None));
    }

    [Fact]
    public async Task SubmitAsync_ConcurrentRedeliveries_StoreExactlyOneMessage()
    {
        await using var hub = new TestHub();
        var intake = hub.Get<IMessageIntake>();
        var tasks = Enumerable.Range(0, 200).Select(i => intake.SubmitAsync("pos", TestHub.Item("P-" + (i % 20)), "test", CancellationToken.None));
        var results = await Task.WhenAll(tasks);

        Assert.Equal(20, results.Where(r => !r.Duplicate).Count());
        Assert.Equal(20, results.Select(r => r.MessageId).Distinct().Count());
        Assert.Equal(20, await hub.Get<IHubStore>().CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SubmitAsync_NoRuleMatches_LeavesMessageNewForManualTriage()
    {
        await using var hub = new TestHub();
        var result = await hub.Get<IMessageIntake>().SubmitAsync("api", TestHub.Item("X", text: "Прошу разъяснить порядок получения справки", address: null), "test", CancellationToken.None);
        var message = await hub.Get<IHubStore>().GetMessageAsync(result.MessageId!, CancellationToken.None);

        Assert.Equal(MessageStatus.New, message!.Status);
        Assert.Empty(message.Recipients);
        Assert.False(message.AutomatedDelivery);
    }

    [Fact]
    public async Task SubmitAsync_Appeal_IsDueThirtyDaysFromTheDayAfterRegistration()
    {
        await using var hub = new TestHub();
        var result = await hub.Get<IMessageIntake>().SubmitAsync("api", TestHub.Item("A-1") with { Kind = MessageKind.Appeal }, "test", CancellationToken.None);
        var message = await hub.Get<IHubStore>().GetMessageAsync(result.MessageId!, CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.FromHours(3)), message!.DueAt);
        Assert.Equal("appeal-59fz", message.DeadlinePolicy);
    }

    [Fact]
    public async Task Store_ReopenedOnTheSameFile_KeepsEverythingAndStillDeduplicates()
    {
        var path = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N") + ".db");
        string id;
        await using (var hub = new TestHub(databasePath: path))
        {
            id = (await hub.Get<IMessageIntake>().SubmitBatchAsync("pos", [TestHub.Item("K-1")], "c-1", "test", CancellationToken.None))[0].MessageId!;
        }

        await using (var hub = new TestHub(databasePath: path))
        {
            var again = await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("K-1"), "test", CancellationToken.None);
            Assert.True(again.Duplicate);
            Assert.Equal(id, again.MessageId);
            Assert.Equal("c-1", await hub.Get<IHubStore>().GetCheckpointAsync("pos", CancellationToken.None));
        }

        File.Delete(path);
    }
}
