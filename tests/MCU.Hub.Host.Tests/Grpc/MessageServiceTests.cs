using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Grpc;

public sealed class MessageServiceTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private MessageService.MessageServiceClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(TestHost.NewDatabasePath());
        _client = new MessageService.MessageServiceClient(_host.Channel);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static SubmitMessageRequest Request(string externalId, string text = "Большая яма на дороге возле школы №3") => new()
    {
        Channel = "api",
        ExternalId = externalId,
        Kind = MCU.Hub.Grpc.V1.MessageKind.Message,
        Text = text,
        CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.FromHours(3))),
        Author = new Author { Name = "Петров Иван", Phone = "+79120000002" },
        Address = "ул. Мира, 12",
        Coordinates = new Coordinates { Latitude = 56.84, Longitude = 60.61 },
    };

    [Fact]
    public async Task SubmitMessage_ThenGet_ReturnsTheRoutedMessageWithItsHistory()
    {
        var submitted = await _client.SubmitMessageAsync(Request("r-1"));
        var got = await _client.GetMessageAsync(new GetMessageRequest { Id = submitted.Id });

        Assert.False(submitted.Duplicate);
        Assert.Equal("Большая яма на дороге возле школы №3", got.Message.Text);
        Assert.Equal("roads", got.Message.Block);
        Assert.Equal(MessageStatus.Routed, got.Message.Status);
        Assert.Equal(["roads-dept"], got.Message.Recipients);
        Assert.Equal(56.84, got.Message.Coordinates.Latitude);
        Assert.NotNull(got.Message.DueAt);
        Assert.Equal(["received", "classified", "routed", "deadline"], got.History.Select(h => h.Action));
    }

    [Fact]
    public async Task SubmitMessage_Redelivered_ReturnsTheSameIdAsDuplicate()
    {
        var first = await _client.SubmitMessageAsync(Request("r-2"));
        var second = await _client.SubmitMessageAsync(Request("r-2"));

        Assert.True(second.Duplicate);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, await _host.Store.CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SubmitMessages_Stream_ReturnsOneResultPerItemInOrder()
    {
        using var call = _client.SubmitMessages();
        for (var i = 0; i < 1200; i++)
            await call.RequestStream.WriteAsync(Request("b-" + (i % 1000), i == 7 ? "" : $"Сообщение {i}: не вывозят мусор"));
        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal(1200, response.Results.Count);
        Assert.Equal(Enumerable.Range(0, 1200), response.Results.Select(r => r.Index));
        Assert.Equal("text", response.Results[7].ErrorField);
        Assert.StartsWith("text:", response.Results[7].Error, StringComparison.Ordinal);
        // b-7 is refused at index 7 and accepted when it comes again, valid, at index 1007.
        Assert.Equal(1000, response.Accepted);
        Assert.Equal(199, response.Duplicates);
        Assert.False(response.Results[1007].Duplicate);
        Assert.Equal(1, response.Rejected);
        Assert.Equal(response.Results[1].Id, response.Results[1001].Id);
        Assert.Equal(1000, await _host.Store.CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ListMessages_FilterAndPages_ReturnEveryMatchOnce()
    {
        for (var i = 0; i < 12; i++)
            await _client.SubmitMessageAsync(Request("l-" + i, i % 3 == 0 ? "Нет отопления" : "Яма на дороге"));

        var ids = new List<string>();
        var token = "";
        do
        {
            var page = await _client.ListMessagesAsync(new ListMessagesRequest { Category = "roads", PageSize = 3, PageToken = token });
            Assert.InRange(page.Messages.Count, 1, 3);
            ids.AddRange(page.Messages.Select(m => m.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(8, ids.Distinct().Count());
        Assert.Equal(8, ids.Count);
        var byRecipient = await _client.ListMessagesAsync(new ListMessagesRequest { Recipient = "roads-dept", Statuses = { MessageStatus.Routed }, PageSize = 100 });
        Assert.Equal(8, byRecipient.Messages.Count);
        var newOnes = await _client.ListMessagesAsync(new ListMessagesRequest { Statuses = { MessageStatus.New }, Channel = "api", PageSize = 100 });
        Assert.Equal(4, newOnes.Messages.Count);
    }

    [Fact]
    public async Task AnswerMessage_ThenClose_MovesThroughTheLifeCycle()
    {
        var id = (await _client.SubmitMessageAsync(Request("a-1"))).Id;
        var answered = await _client.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Яма заделана, фото приложено.", AnsweredBy = "roads-dept", Attachments = { "https://example.invalid/after.jpg" } });
        var closed = await _client.UpdateStatusAsync(new UpdateStatusRequest { Id = id, Status = MessageStatus.Closed, Comment = "заявитель доволен" });

        Assert.Equal(MessageStatus.Answered, answered.Status);
        Assert.Equal("Яма заделана, фото приложено.", answered.Answer.Text);
        Assert.Equal(MessageStatus.Closed, closed.Status);
        var history = (await _client.GetMessageAsync(new GetMessageRequest { Id = id })).History;
        Assert.Equal("status", history[^1].Action);
        Assert.Equal("заявитель доволен", history[^1].Comment);
    }

    public static TheoryData<string, string> InvalidSubmissions() => new()
    {
        { "empty text", "text" },
        { "unknown channel", "channel" },
        { "text over the limit", "text" },
        { "latitude out of range", "latitude" },
        { "longitude out of range", "longitude" },
        { "no external id", "external_id" },
    };

    [Theory]
    [MemberData(nameof(InvalidSubmissions))]
    public async Task SubmitMessage_InvalidInput_IsInvalidArgumentNamingTheFieldAndStoresNothing(string invalidCase, string field)
    {
        var request = Request("bad-1");
        switch (invalidCase)
        {
            case "empty text": request.Text = ""; break;
            case "unknown channel": request.Channel = "telegraph"; break;
            case "text over the limit": request.Text = new string('ж', 20_001); break;
            case "latitude out of range": request.Coordinates.Latitude = 95; break;
            case "longitude out of range": request.Coordinates.Longitude = 200; break;
            case "no external id": request.ExternalId = ""; break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitMessageAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await _host.Store.CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetAnswerUpdate_UnknownMessage_AreNotFoundAndChangeNothing()
    {
        var id = (await _client.SubmitMessageAsync(Request("n-1"))).Id;
        var unknown = "0123456789abcdef0123456789abcdef";

        var get = await Assert.ThrowsAsync<RpcException>(() => _client.GetMessageAsync(new GetMessageRequest { Id = unknown }).ResponseAsync);
        var answer = await Assert.ThrowsAsync<RpcException>(() => _client.AnswerMessageAsync(new AnswerMessageRequest { Id = unknown, Text = "ответ" }).ResponseAsync);
        var update = await Assert.ThrowsAsync<RpcException>(() => _client.UpdateStatusAsync(new UpdateStatusRequest { Id = unknown, Status = MessageStatus.Closed }).ResponseAsync);

        Assert.All([get, answer, update], e => Assert.Equal(StatusCode.NotFound, e.StatusCode));
        var message = (await _client.GetMessageAsync(new GetMessageRequest { Id = id })).Message;
        Assert.Equal(0, message.Version);
    }

    [Fact]
    public async Task AnswerAndUpdate_InvalidInput_AreInvalidArgumentNamingTheFieldAndChangeNothing()
    {
        var id = (await _client.SubmitMessageAsync(Request("v-1"))).Id;

        var emptyAnswer = await Assert.ThrowsAsync<RpcException>(() => _client.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "" }).ResponseAsync);
        var noStatus = await Assert.ThrowsAsync<RpcException>(() => _client.UpdateStatusAsync(new UpdateStatusRequest { Id = id }).ResponseAsync);
        var badTransition = await Assert.ThrowsAsync<RpcException>(() => _client.UpdateStatusAsync(new UpdateStatusRequest { Id = id, Status = MessageStatus.Closed }).ResponseAsync);
        var badPage = await Assert.ThrowsAsync<RpcException>(() => _client.ListMessagesAsync(new ListMessagesRequest { PageSize = 5000 }).ResponseAsync);
        var badToken = await Assert.ThrowsAsync<RpcException>(() => _client.ListMessagesAsync(new ListMessagesRequest { PageToken = "../../etc" }).ResponseAsync);

        Assert.StartsWith("text:", emptyAnswer.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("status:", noStatus.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("status:", badTransition.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("page_size:", badPage.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("page_token:", badToken.Status.Detail, StringComparison.Ordinal);
        Assert.All([emptyAnswer, noStatus, badTransition, badPage, badToken], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Equal(0, (await _client.GetMessageAsync(new GetMessageRequest { Id = id })).Message.Version);
    }

    [Fact]
    public async Task ExtendDeadline_Appeal_MovesTheDeadlineAndTheDueListsFollow()
    {
        var request = Request("d-1");
        request.Kind = MCU.Hub.Grpc.V1.MessageKind.Appeal;
        var id = (await _client.SubmitMessageAsync(request)).Id;
        var before = (await _client.GetMessageAsync(new GetMessageRequest { Id = id })).Message;

        var extended = await _client.ExtendDeadlineAsync(new ExtendDeadlineRequest { Id = id, Amount = 30, Reason = "направлен запрос в другой орган" });

        Assert.Equal("appeal-59fz", before.DeadlinePolicy);
        // Registered today on the real clock: near the New Year holidays the unextended deadline already moves past
        // them, so the extension can add fewer than 30 days to it; it always moves the deadline later.
        Assert.True(extended.DueAt.ToDateTimeOffset() > before.DueAt.ToDateTimeOffset());
        Assert.Equal(30, extended.DeadlineExtension);
        var dueSoon = await _client.ListMessagesAsync(new ListMessagesRequest { DueBefore = before.DueAt, Statuses = { MessageStatus.Routed, MessageStatus.New } });
        var dueLater = await _client.ListMessagesAsync(new ListMessagesRequest { DueBefore = Timestamp.FromDateTimeOffset(extended.DueAt.ToDateTimeOffset().AddSeconds(1)) });
        Assert.DoesNotContain(dueSoon.Messages, m => m.Id == id);
        Assert.Contains(dueLater.Messages, m => m.Id == id);

        var beyond = await Assert.ThrowsAsync<RpcException>(() => _client.ExtendDeadlineAsync(new ExtendDeadlineRequest { Id = id, Amount = 1, Reason = "ещё" }).ResponseAsync);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => _client.ExtendDeadlineAsync(new ExtendDeadlineRequest { Id = id, Amount = 1 }).ResponseAsync);
        Assert.StartsWith("amount:", beyond.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("reason:", noReason.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_Service_ReportsServing()
    {
        var health = new global::Grpc.Health.V1.Health.HealthClient(_host.Channel);
        var reply = await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}
