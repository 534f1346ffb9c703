using Grpc.Core;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Grpc;

/// <summary>The calls of issue 6 under the host's credentials: their scopes, and another municipality's message unseen.</summary>
public sealed class NewCallsAccessTests : IAsyncLifetime
{
    private const string Nyagan = "71879000";
    private const string Uray = "71878000";
    private const string ReaderKey = "key-nyagan-reader";
    private const string UrayKey = "key-uray-writer";
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["McuHub:Oktmo"] = Nyagan,
            ["McuHub:Tenants:0:Oktmo"] = Nyagan,
            ["McuHub:Tenants:1:Oktmo"] = Uray,
        };
        foreach (var (key, value) in TestHost.Credential(1, "nyagan-reader", ReaderKey, Nyagan, "read").Concat(TestHost.Credential(2, "uray-writer", UrayKey, Uray, "write")))
            settings[key] = value;
        _host = await TestHost.StartAsync(TestHost.NewDatabasePath(), settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ReadScope_ReadsTheNewCallsButChangesNothing()
    {
        var id = (await new MessageService.MessageServiceClient(_host.Channel).SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "s-1", Text = "Яма на дороге" })).Id;
        using var channel = _host.ChannelFor(ReaderKey);
        var messages = new MessageService.MessageServiceClient(channel);
        var rules = new RuleService.RuleServiceClient(channel);

        var history = await messages.GetMessageHistoryAsync(new GetMessageHistoryRequest { Id = id });
        var recipients = await new DirectoryService.DirectoryServiceClient(channel).ListRecipientsAsync(new ListRecipientsRequest());
        var exported = await rules.ExportRulesAsync(new ExportRulesRequest());
        var reassign = await Assert.ThrowsAsync<RpcException>(() => messages.ReassignMessageAsync(new ReassignMessageRequest { Id = id, Recipients = { "roads-dept" }, Reason = "x" }).ResponseAsync);
        var batch = await Assert.ThrowsAsync<RpcException>(() => messages.SubmitMessageBatchAsync(new SubmitMessageBatchRequest { Items = { new SubmitMessageRequest { Channel = "api", ExternalId = "s-2", Text = "Мусор" } } }).ResponseAsync);
        var put = await Assert.ThrowsAsync<RpcException>(() => rules.PutRuleAsync(new PutRuleRequest { Name = "Мусор", Json = """{ "recipients": [ "roads-dept" ] }""" }).ResponseAsync);
        var import = await Assert.ThrowsAsync<RpcException>(() => rules.ImportRulesAsync(new ImportRulesRequest { Json = exported.Json }).ResponseAsync);
        var delete = await Assert.ThrowsAsync<RpcException>(() => rules.DeleteRuleAsync(new DeleteRuleRequest { Name = "Дороги" }).ResponseAsync);

        using var http = _host.HttpFor(ReaderKey);
        using var httpRead = await http.GetAsync("/v1/directory/recipients");
        using var httpWrite = await http.PostAsync("/v1/messages/batch", TestHost.Json("""{ "items": [ { "channel": "api", "externalId": "s-3", "text": "Мусор" } ] }"""));
        Assert.Equal(System.Net.HttpStatusCode.OK, httpRead.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, httpWrite.StatusCode);
        Assert.NotEmpty(history.Entries);
        Assert.NotEmpty(recipients.Recipients);
        Assert.All([reassign, batch, put, import, delete], e => Assert.Equal(StatusCode.PermissionDenied, e.StatusCode));
        Assert.Equal(1, await _host.Store.CountMessagesAsync(CancellationToken.None));
        Assert.Equal(1, exported.Version);
        Assert.Equal(1, (await rules.GetRuleSetAsync(new GetRuleSetRequest())).Version);
    }

    [Fact]
    public async Task AnotherMunicipality_SeesNeitherTheHistoryNorCanReassign()
    {
        var id = (await new MessageService.MessageServiceClient(_host.Channel).SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "t-1", Text = "Яма на дороге" })).Id;
        using var channel = _host.ChannelFor(UrayKey);
        var uray = new MessageService.MessageServiceClient(channel);

        var history = await Assert.ThrowsAsync<RpcException>(() => uray.GetMessageHistoryAsync(new GetMessageHistoryRequest { Id = id }).ResponseAsync);
        var reassign = await Assert.ThrowsAsync<RpcException>(() => uray.ReassignMessageAsync(new ReassignMessageRequest { Id = id, Recipients = { "roads-dept" }, Reason = "x" }).ResponseAsync);
        var batch = await uray.SubmitMessageBatchAsync(new SubmitMessageBatchRequest { Items = { new SubmitMessageRequest { Channel = "api", ExternalId = "t-1", Text = "Яма на дороге" } } });

        Assert.All([history, reassign], e => Assert.Equal(StatusCode.NotFound, e.StatusCode));
        // The same external id in another municipality is that municipality's own message, not a duplicate.
        Assert.False(Assert.Single(batch.Results).Duplicate);
        Assert.NotEqual(id, batch.Results[0].Id);
        Assert.Equal(0, (await new MessageService.MessageServiceClient(_host.Channel).GetMessageAsync(new GetMessageRequest { Id = id })).Message.Version);
    }
}
