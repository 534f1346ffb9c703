using System.Net;
using MCU.Hub.Channels;
using MCU.Hub.Emulators.Pos;

namespace MCU.Hub.Plugins.Pos.Tests;

public sealed class PosConnectorReplyTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset ApprovedAt = new(2025, 3, 11, 14, 30, 0, TimeSpan.FromHours(3));

    private static ChannelReply Reply(string externalId, string key, string status = "answered") => new()
    {
        ExternalId = externalId,
        MessageId = "hub-" + externalId,
        IdempotencyKey = key,
        Text = "Яма заделана 11.03.2025 силами МБУ «Дорожник». Спасибо за обращение!",
        Status = status,
        ChangedAt = ApprovedAt,
        Attachments = ["https://hub.example.ru/files/after-1.jpg"],
    };

    [Fact]
    public async Task SendReplyAsync_NewKey_ReachesEmulatorOnceWithEveryField()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 3 });
        await using var services = PosTestHost.Build(emulator);
        var target = emulator.Messages[1];

        var receipt = await services.Connector().SendReplyAsync(Reply(target.Id, "k-1"), None);

        var answer = Assert.Single(emulator.Answers);
        Assert.Equal(answer.AnswerId, receipt.ExternalReplyId);
        Assert.Equal(target.Id, answer.MessageId);
        Assert.Equal("Яма заделана 11.03.2025 силами МБУ «Дорожник». Спасибо за обращение!", answer.Text);
        Assert.Equal(PosStatuses.Answered, answer.Status);
        Assert.Equal("k-1", answer.IdempotencyKey);
        Assert.Equal(["https://hub.example.ru/files/after-1.jpg"], answer.Attachments);
        Assert.Equal(ApprovedAt, answer.ChangedAt);
        Assert.Equal(PosStatuses.Answered, emulator.Messages[1].Status);
    }

    [Theory]
    [InlineData("reopened", PosStatuses.InProgress)]
    [InlineData("returned", PosStatuses.Registered)]
    [InlineData("routed", PosStatuses.Registered)]
    [InlineData("rejected", PosStatuses.Rejected)]
    public async Task SendReplyAsync_HubStatus_ReachesPosAsTheStatusPosHasForIt(string hubStatus, string posStatus)
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 1 });
        await using var services = PosTestHost.Build(emulator);

        await services.Connector().SendReplyAsync(Reply(emulator.Messages[0].Id, "k-" + hubStatus, hubStatus), None);

        Assert.Equal(posStatus, Assert.Single(emulator.Answers).Status);
    }

    [Fact]
    public async Task SendReplyAsync_RetriedWithSameKey_IsRecordedOnceAndGetsSameId()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 3 });
        await using var services = PosTestHost.Build(emulator);
        var connector = services.Connector();
        var id = emulator.Messages[0].Id;

        var first = await connector.SendReplyAsync(Reply(id, "same-key"), None);
        var retry = await connector.SendReplyAsync(Reply(id, "same-key"), None);
        var other = await connector.SendReplyAsync(Reply(id, "other-key", "closed"), None);

        Assert.Equal(first.ExternalReplyId, retry.ExternalReplyId);
        Assert.NotEqual(first.ExternalReplyId, other.ExternalReplyId);
        Assert.Equal(["same-key", "other-key"], emulator.Answers.Select(a => a.IdempotencyKey));
    }

    [Fact]
    public async Task SendReplyAsync_RetryAfterServerError_IsRecordedOnce()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 3 });
        await using var services = PosTestHost.Build(emulator);
        var connector = services.Connector();
        var id = emulator.Messages[0].Id;
        emulator.FailNext(1, 500);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connector.SendReplyAsync(Reply(id, "k"), None));
        await connector.SendReplyAsync(Reply(id, "k"), None);
        await connector.SendReplyAsync(Reply(id, "k"), None);

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Single(emulator.Answers);
    }

    [Fact]
    public async Task SendReplyAsync_UnknownMessage_ThrowsNotFound()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 3 });
        await using var services = PosTestHost.Build(emulator);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().SendReplyAsync(Reply("no-such-id", "k"), None));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Empty(emulator.Answers);
    }

    [Fact]
    public async Task SendReplyAsync_StatusMapConfigured_SendsMappedStatus()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 1 });
        await using var services = PosTestHost.Build(emulator, extra: new Dictionary<string, string?> { ["StatusMap:done"] = "closed" });

        await services.Connector().SendReplyAsync(Reply(emulator.Messages[0].Id, "k", status: "done"), None);

        Assert.Equal(PosStatuses.Closed, Assert.Single(emulator.Answers).Status);
    }

    [Fact]
    public async Task SendReplyAsync_WrongToken_ThrowsUnauthorizedAndRecordsNothing()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 1, Token = "secret" });
        await using var services = PosTestHost.Build(emulator, token: "not-secret");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().SendReplyAsync(Reply(emulator.Messages[0].Id, "k"), None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Empty(emulator.Answers);
    }

    [Fact]
    public async Task SendReplyAsync_Interim_IsAnIntermediateAnswerWithTheExpectedDate()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 3 });
        await using var services = PosTestHost.Build(emulator);
        var target = emulator.Messages[2];
        var expected = new DateTimeOffset(2025, 3, 25, 18, 0, 0, TimeSpan.FromHours(3));

        await services.Connector().SendReplyAsync(Reply(target.Id, "interim-1", "interim_answer") with { IsInterim = true, ExpectedBy = expected, Attachments = [] }, None);

        var answer = Assert.Single(emulator.Answers);
        Assert.Equal((PosStatuses.IntermediateAnswer, expected), (answer.Status, answer.ExpectedBy));
        Assert.Equal(PosStatuses.IntermediateAnswer, emulator.Messages[2].Status);
    }

    [Fact]
    public async Task SendReplyAsync_IntermediateAnswerWithoutDate_IsRefusedByTheEmulator()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 3 });
        await using var services = PosTestHost.Build(emulator);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().SendReplyAsync(Reply(emulator.Messages[0].Id, "k", PosStatuses.IntermediateAnswer), None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("expected_by", error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Answers);
    }
}
