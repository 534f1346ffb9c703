using System.Net;
using MCU.Hub.Channels;
using MCU.Hub.Emulators.PayAttention;

namespace MCU.Hub.Plugins.PayAttention.Tests;

public sealed class PayAttentionConnectorReplyTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset ApprovedAt = new(2025, 3, 12, 14, 30, 0, TimeSpan.FromHours(3));

    private static ChannelReply Reply(string externalId, string key, string status = "answered") => new()
    {
        ExternalId = externalId,
        MessageId = "hub-" + externalId,
        IdempotencyKey = key,
        Text = "Качели демонтированы, новые установят до 15.04.2025. Спасибо, что обратили внимание!",
        Status = status,
        ChangedAt = ApprovedAt,
        Attachments = ["https://hub.example.ru/files/act-1.pdf"],
    };

    [Fact]
    public async Task SendReplyAsync_NewKey_ReachesThePortalOnceWithEveryField()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 3 });
        await using var services = PayAttentionTestHost.Build(emulator);
        var target = emulator.Messages[1];

        var receipt = await services.Connector().SendReplyAsync(Reply(target.Id, "k-1"), None);

        var answer = Assert.Single(emulator.Answers);
        Assert.Equal(answer.AnswerId, receipt.ExternalReplyId);
        Assert.Equal(target.Id, answer.MessageId);
        Assert.Equal("Качели демонтированы, новые установят до 15.04.2025. Спасибо, что обратили внимание!", answer.Text);
        Assert.Equal(PayAttentionStatuses.Answered, answer.Status);
        Assert.Equal("k-1", answer.IdempotencyKey);
        Assert.Equal(["https://hub.example.ru/files/act-1.pdf"], answer.Attachments);
        Assert.Equal(ApprovedAt, answer.ChangedAt);
        Assert.Equal(PayAttentionStatuses.Answered, emulator.Messages[1].Status);
    }

    [Fact]
    public async Task SendReplyAsync_RetriedWithSameKey_IsRecordedOnceAndGetsSameId()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 3 });
        await using var services = PayAttentionTestHost.Build(emulator);
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
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 3 });
        await using var services = PayAttentionTestHost.Build(emulator);
        var connector = services.Connector();
        var id = emulator.Messages[0].Id;
        emulator.FailNext(1, 500);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connector.SendReplyAsync(Reply(id, "k"), None));
        await connector.SendReplyAsync(Reply(id, "k"), None);
        await connector.SendReplyAsync(Reply(id, "k"), None);

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Single(emulator.Answers);
    }

    [Theory]
    [InlineData("in_progress", PayAttentionStatuses.Review)]
    [InlineData("intermediate_answer", PayAttentionStatuses.InterimAnswer)]
    [InlineData("closed", PayAttentionStatuses.Closed)]
    public async Task SendReplyAsync_HubStatus_IsSentAsThePortalStatus(string hubStatus, string portalStatus)
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 1 });
        await using var services = PayAttentionTestHost.Build(emulator);

        await services.Connector().SendReplyAsync(Reply(emulator.Messages[0].Id, "k", status: hubStatus), None);

        Assert.Equal(portalStatus, Assert.Single(emulator.Answers).Status);
    }

    [Fact]
    public async Task SendReplyAsync_UnknownMessage_ThrowsNotFound()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 3 });
        await using var services = PayAttentionTestHost.Build(emulator);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().SendReplyAsync(Reply("no-such-id", "k"), None));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Empty(emulator.Answers);
    }

    [Fact]
    public async Task SendReplyAsync_WrongToken_ThrowsUnauthorizedAndRecordsNothing()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 1, Token = "secret" });
        await using var services = PayAttentionTestHost.Build(emulator, token: "not-secret");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().SendReplyAsync(Reply(emulator.Messages[0].Id, "k"), None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Empty(emulator.Answers);
    }

    [Fact]
    public async Task SendReplyAsync_Interim_IsTheInterimStatusWithTheExpectedDate()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 3 });
        await using var services = PayAttentionTestHost.Build(emulator);
        var target = emulator.Messages[0];
        var expected = new DateTimeOffset(2025, 4, 15, 18, 0, 0, TimeSpan.FromHours(3));

        await services.Connector().SendReplyAsync(Reply(target.Id, "interim-1", "interim_answer") with { IsInterim = true, ExpectedBy = expected }, None);

        var answer = Assert.Single(emulator.Answers);
        Assert.Equal((PayAttentionStatuses.InterimAnswer, (DateTimeOffset?)expected), (answer.Status, answer.ExpectedBy));
    }
}
