using System.Net;
using MCU.Hub.Channels;
using MCU.Hub.Emulators.IncidentManagement;

namespace MCU.Hub.Plugins.IncidentManagement.Tests;

public sealed class IncidentManagementConnectorReplyTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset ApprovedAt = new(2025, 3, 10, 11, 30, 0, TimeSpan.FromHours(3));

    private static ChannelReply Reply(string externalId, string key, string status = "answered", string? text = "Здравствуйте! Аварийная бригада выехала, тепло восстановят до 18:00.") => new()
    {
        ExternalId = externalId,
        MessageId = "hub-" + externalId,
        IdempotencyKey = key,
        Text = text,
        Status = status,
        ChangedAt = ApprovedAt,
        Attachments = ["https://hub.example.ru/files/after-1.jpg"],
    };

    [Fact]
    public async Task SendReplyAsync_NewKey_IsPublishedOnceWithEveryField()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 3 });
        await using var services = IncidentManagementTestHost.Build(emulator);
        var target = emulator.Incidents[1];

        var receipt = await services.Connector().SendReplyAsync(Reply(target.Id, "k-1"), None);

        var reply = Assert.Single(emulator.Replies);
        Assert.Equal(reply.ReplyId, receipt.ExternalReplyId);
        Assert.Equal(target.Id, reply.IncidentId);
        Assert.Equal("Здравствуйте! Аварийная бригада выехала, тепло восстановят до 18:00.", reply.Text);
        Assert.Equal(IncidentStatuses.Answered, reply.Status);
        Assert.Equal("k-1", reply.IdempotencyKey);
        Assert.Equal(["https://hub.example.ru/files/after-1.jpg"], reply.Attachments);
        Assert.Equal(ApprovedAt, reply.ChangedAt);
        Assert.StartsWith(target.PostUrl, reply.PublishedUrl, StringComparison.Ordinal);
        Assert.Equal(IncidentStatuses.Answered, emulator.Incidents[1].Status);
    }

    [Fact]
    public async Task SendReplyAsync_RetriedWithSameKey_IsRecordedOnceAndGetsSameId()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 3 });
        await using var services = IncidentManagementTestHost.Build(emulator);
        var connector = services.Connector();
        var id = emulator.Incidents[0].Id;

        var first = await connector.SendReplyAsync(Reply(id, "same-key"), None);
        var retry = await connector.SendReplyAsync(Reply(id, "same-key"), None);
        var other = await connector.SendReplyAsync(Reply(id, "other-key", "closed", text: null), None);

        Assert.Equal(first.ExternalReplyId, retry.ExternalReplyId);
        Assert.NotEqual(first.ExternalReplyId, other.ExternalReplyId);
        Assert.Equal(["same-key", "other-key"], emulator.Replies.Select(a => a.IdempotencyKey));
        Assert.Null(emulator.Replies[1].PublishedUrl);
    }

    [Fact]
    public async Task SendReplyAsync_RetryAfterServerError_IsRecordedOnce()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 3 });
        await using var services = IncidentManagementTestHost.Build(emulator);
        var connector = services.Connector();
        var id = emulator.Incidents[0].Id;
        emulator.FailNext(1, 500);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connector.SendReplyAsync(Reply(id, "k"), None));
        await connector.SendReplyAsync(Reply(id, "k"), None);
        await connector.SendReplyAsync(Reply(id, "k"), None);

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Single(emulator.Replies);
    }

    [Fact]
    public async Task SendReplyAsync_KeyOfAnotherIncident_ThrowsConflict()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 3 });
        await using var services = IncidentManagementTestHost.Build(emulator);
        var connector = services.Connector();
        await connector.SendReplyAsync(Reply(emulator.Incidents[0].Id, "k"), None);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connector.SendReplyAsync(Reply(emulator.Incidents[1].Id, "k"), None));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Single(emulator.Replies);
    }

    [Fact]
    public async Task SendReplyAsync_UnknownIncident_ThrowsNotFound()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 3 });
        await using var services = IncidentManagementTestHost.Build(emulator);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().SendReplyAsync(Reply("no-such-id", "k"), None));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Empty(emulator.Replies);
    }

    [Fact]
    public async Task SendReplyAsync_StatusMapConfigured_SendsMappedStatus()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 1 });
        await using var services = IncidentManagementTestHost.Build(emulator, extra: new Dictionary<string, string?> { ["StatusMap:done"] = "closed" });

        await services.Connector().SendReplyAsync(Reply(emulator.Incidents[0].Id, "k", status: "done"), None);

        Assert.Equal(IncidentStatuses.Closed, Assert.Single(emulator.Replies).Status);
    }

    [Fact]
    public async Task SendReplyAsync_StatusTheSystemDoesNotKnow_ThrowsBadRequest()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 1 });
        await using var services = IncidentManagementTestHost.Build(emulator);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().SendReplyAsync(Reply(emulator.Incidents[0].Id, "k", status: "done"), None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("status", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendReplyAsync_WrongToken_ThrowsUnauthorizedAndRecordsNothing()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 1, Token = "secret" });
        await using var services = IncidentManagementTestHost.Build(emulator, token: "not-secret");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().SendReplyAsync(Reply(emulator.Incidents[0].Id, "k"), None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Empty(emulator.Replies);
    }
}
