using Google.Protobuf;
using Grpc.Core;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Grpc;

/// <summary>The calls of issue 6 on <c>MessageService</c>: reassignment, history, unary batches, stable paging, bad payloads.</summary>
public sealed class MessageContractTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private MessageService.MessageServiceClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>
        {
            ["McuHub:Recipients:1:Code"] = "utilities",
            ["McuHub:Recipients:1:Name"] = "МКУ «Служба ЖКХ»",
            ["McuHub:Recipients:1:Blocks:0"] = "housing-utilities",
        });
        _client = new MessageService.MessageServiceClient(_host.Channel);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static SubmitMessageRequest Request(string externalId, string text = "Яма на дороге у дома 7") => new()
    {
        Channel = "api", ExternalId = externalId, Kind = MCU.Hub.Grpc.V1.MessageKind.Message, Text = text, Address = "ул. Мира, 12",
    };

    [Fact]
    public async Task ReassignMessage_ChangesRecipientsAndRecordsTheReasonInTheHistory()
    {
        var id = (await _client.SubmitMessageAsync(Request("re-1"))).Id;
        var before = await _client.GetMessageAsync(new GetMessageRequest { Id = id });

        var reassigned = await _client.ReassignMessageAsync(new ReassignMessageRequest { Id = id, Recipients = { "utilities" }, Reason = "под дорогой прорыв трубы" });
        var history = await _client.GetMessageHistoryAsync(new GetMessageHistoryRequest { Id = id });

        Assert.Equal(["roads-dept"], before.Message.Recipients);
        Assert.Equal(["utilities"], reassigned.Recipients);
        Assert.Equal(MessageStatus.Routed, reassigned.Status);
        Assert.False(reassigned.AutomatedDelivery);
        Assert.Equal(before.Message.DueAt, reassigned.DueAt);
        Assert.Equal(before.Message.Version + 1, reassigned.Version);
        Assert.Equal(["utilities"], (await _client.GetMessageAsync(new GetMessageRequest { Id = id })).Message.Recipients);
        var last = history.Entries[^1];
        Assert.Equal(("reassigned", "api:test-admin", "под дорогой прорыв трубы"), (last.Action, last.Actor, last.Comment));
        Assert.Contains(last.Changes, c => c is { Field: "recipients", OldValue: "roads-dept", NewValue: "utilities" });
        Assert.Equal(before.History.Count + 1, history.Entries.Count);
    }

    [Fact]
    public async Task ReassignMessage_InvalidOrUnknown_IsRefusedNamingTheFieldAndChangesNothing()
    {
        var id = (await _client.SubmitMessageAsync(Request("re-2"))).Id;

        var unknownRecipient = await Assert.ThrowsAsync<RpcException>(() => _client.ReassignMessageAsync(new ReassignMessageRequest { Id = id, Recipients = { "astrologers" }, Reason = "так надо" }).ResponseAsync);
        var noRecipient = await Assert.ThrowsAsync<RpcException>(() => _client.ReassignMessageAsync(new ReassignMessageRequest { Id = id, Reason = "так надо" }).ResponseAsync);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => _client.ReassignMessageAsync(new ReassignMessageRequest { Id = id, Recipients = { "utilities" } }).ResponseAsync);
        var unknownMessage = await Assert.ThrowsAsync<RpcException>(() => _client.ReassignMessageAsync(new ReassignMessageRequest { Id = "0123456789abcdef0123456789abcdef", Recipients = { "utilities" }, Reason = "так надо" }).ResponseAsync);

        Assert.All([unknownRecipient, noRecipient, noReason], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.StartsWith("recipients:", unknownRecipient.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("recipients:", noRecipient.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("reason:", noReason.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, unknownMessage.StatusCode);
        var message = (await _client.GetMessageAsync(new GetMessageRequest { Id = id })).Message;
        Assert.Equal((0, "roads-dept"), (message.Version, Assert.Single(message.Recipients)));
    }

    [Fact]
    public async Task GetMessageHistory_ReturnsEveryEntryOldestFirst_AndUnknownIdIsNotFound()
    {
        var id = (await _client.SubmitMessageAsync(Request("h-1"))).Id;
        await _client.UpdateStatusAsync(new UpdateStatusRequest { Id = id, Status = MessageStatus.InProgress, Comment = "взято в работу" });

        var history = await _client.GetMessageHistoryAsync(new GetMessageHistoryRequest { Id = id });
        var unknown = await Assert.ThrowsAsync<RpcException>(() => _client.GetMessageHistoryAsync(new GetMessageHistoryRequest { Id = "0123456789abcdef0123456789abcdef" }).ResponseAsync);
        var noId = await Assert.ThrowsAsync<RpcException>(() => _client.GetMessageHistoryAsync(new GetMessageHistoryRequest()).ResponseAsync);

        Assert.Equal(["received", "classified", "routed", "deadline", "status"], history.Entries.Select(e => e.Action));
        Assert.Equal(history.Entries.Select(e => e.At.ToDateTimeOffset()).Order(), history.Entries.Select(e => e.At.ToDateTimeOffset()));
        Assert.Equal("взято в работу", history.Entries[^1].Comment);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, noId.StatusCode);
        Assert.StartsWith("id:", noId.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitMessageBatch_OneBadItem_IsRefusedOnItsOwnAndTheOthersAreStoredInOrder()
    {
        var request = new SubmitMessageBatchRequest
        {
            Items = { Request("ba-0"), Request("ba-1", ""), Request("ba-2", "Не вывозят мусор"), Request("ba-0") },
        };
        request.Items[3].Text = "Повтор первого";

        var response = await _client.SubmitMessageBatchAsync(request);

        Assert.Equal([0, 1, 2, 3], response.Results.Select(r => r.Index));
        Assert.Equal("text", response.Results[1].ErrorField);
        Assert.StartsWith("text:", response.Results[1].Error, StringComparison.Ordinal);
        Assert.Empty(response.Results[1].Id);
        Assert.True(response.Results[3].Duplicate);
        Assert.Equal(response.Results[0].Id, response.Results[3].Id);
        Assert.Equal((2, 1, 1), (response.Accepted, response.Duplicates, response.Rejected));
        Assert.Equal(2, await _host.Store.CountMessagesAsync(CancellationToken.None));
        Assert.Equal("Не вывозят мусор", (await _client.GetMessageAsync(new GetMessageRequest { Id = response.Results[2].Id })).Message.Text);
    }

    [Fact]
    public async Task SubmitMessageBatch_EmptyOrTooLarge_IsInvalidArgumentNamingItemsAndStoresNothing()
    {
        var tooLarge = new SubmitMessageBatchRequest();
        tooLarge.Items.AddRange(Enumerable.Range(0, 1001).Select(i => Request("big-" + i, "Мусор")));

        var empty = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitMessageBatchAsync(new SubmitMessageBatchRequest()).ResponseAsync);
        var large = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitMessageBatchAsync(tooLarge).ResponseAsync);

        Assert.All([empty, large], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.All([empty, large], e => Assert.StartsWith("items:", e.Status.Detail, StringComparison.Ordinal));
        Assert.Equal(0, await _host.Store.CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ListMessages_MessagesArrivingAndChangingBetweenPages_NeitherSkipNorRepeatOne()
    {
        var original = new List<string>();
        for (var i = 0; i < 10; i++)
            original.Add((await _client.SubmitMessageAsync(Request("p-" + i, $"Яма номер {i}"))).Id);

        var seen = new List<string>();
        var token = "";
        var page = 0;
        do
        {
            var response = await _client.ListMessagesAsync(new ListMessagesRequest { PageSize = 3, PageToken = token });
            seen.AddRange(response.Messages.Select(m => m.Id));
            token = response.NextPageToken;

            // Between pages: new messages arrive and one already listed changes (its version and status move).
            await _client.SubmitMessageAsync(Request($"late-{page}", $"Поздняя яма {page}"));
            if (response.Messages.Count > 0)
                await _client.UpdateStatusAsync(new UpdateStatusRequest { Id = response.Messages[0].Id, Status = MessageStatus.InProgress });
            page++;
        }
        while (token.Length > 0);

        var late = seen.Except(original).ToList();
        var listedOriginals = seen.Intersect(original).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(original.OrderByDescending(id => id, StringComparer.Ordinal), listedOriginals);
        // A message registered after the first page sorts before it (newest first) and is not on the later pages.
        Assert.Empty(late);
    }

    [Fact]
    public async Task Calls_MalformedValues_AreInvalidArgumentNamingTheFieldAndChangeNothing()
    {
        var id = (await _client.SubmitMessageAsync(Request("m-1"))).Id;
        var badTime = Request("m-2");
        badTime.CreatedAt = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = 1, Nanos = -5 };
        var badKind = Request("m-3");
        badKind.Kind = (MCU.Hub.Grpc.V1.MessageKind)42;
        var badBatchItem = new SubmitMessageBatchRequest { Items = { badTime } };

        var time = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitMessageAsync(badTime).ResponseAsync);
        var kind = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitMessageAsync(badKind).ResponseAsync);
        var status = await Assert.ThrowsAsync<RpcException>(() => _client.ListMessagesAsync(new ListMessagesRequest { Statuses = { (MessageStatus)99 } }).ResponseAsync);
        var batch = await _client.SubmitMessageBatchAsync(badBatchItem);

        Assert.All([time, kind, status], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.StartsWith("created_at:", time.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("kind:", kind.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("statuses:", status.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("created_at", Assert.Single(batch.Results).ErrorField);
        Assert.Equal(1, await _host.Store.CountMessagesAsync(CancellationToken.None));
        Assert.Equal(0, (await _client.GetMessageAsync(new GetMessageRequest { Id = id })).Message.Version);
    }

    [Fact]
    public async Task SubmitMessage_OverTheReceiveLimit_IsResourceExhaustedAndStoresNothing()
    {
        var request = Request("huge-1");
        request.Metadata.Add("blob", new string('ж', 2_200_000)); // 4.4 MB of UTF-8, over the 4 MB limit

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitMessageAsync(request).ResponseAsync);

        Assert.True(request.CalculateSize() > 4 * 1024 * 1024);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(0, await _host.Store.CountMessagesAsync(CancellationToken.None));
    }
}
