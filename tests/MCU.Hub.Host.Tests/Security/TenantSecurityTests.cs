using System.Security.Claims;
using Grpc.Core;
using Grpc.Core.Interceptors;
using MCU.Hub.Grpc.V1;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MCU.Hub.Host.Tests.Security;

/// <summary>
/// Two municipalities on one hub, and a regional center over both: what each credential may see and change,
/// through the real server and real gRPC channels.
/// </summary>
public sealed class TenantSecurityTests
{
    private const string Nyagan = "71879000";
    private const string Uray = "71878000";
    private const string NyaganKey = "key-nyagan";
    private const string UrayKey = "key-uray";
    private const string UrayReaderKey = "key-uray-reader";
    private const string RegionKey = "key-region";
    private static readonly string JwtKey = Convert.ToBase64String("0123456789abcdef0123456789abcdef"u8.ToArray());

    private static async Task<TestHost> StartAsync(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["McuHub:Oktmo"] = Nyagan,
            ["McuHub:Tenants:0:Oktmo"] = Nyagan,
            ["McuHub:Tenants:0:Name"] = "Город Нягань",
            ["McuHub:Tenants:1:Oktmo"] = Uray,
            ["McuHub:Tenants:1:Name"] = "Город Урай",
            ["McuHub:Security:Jwt:SigningKey"] = JwtKey,
            ["McuHub:Security:Jwt:Issuer"] = "cur-hmao",
        };
        Add(settings, TestHost.Credential(1, "nyagan-operator", NyaganKey, Nyagan, "write"));
        Add(settings, TestHost.Credential(2, "uray-admin", UrayKey, Uray, "admin"));
        Add(settings, TestHost.Credential(3, "uray-reader", UrayReaderKey, Uray, "read"));
        Add(settings, TestHost.Credential(4, "cur-hmao", RegionKey, Nyagan, "region"));
        if (extra is not null)
            Add(settings, extra);
        return await TestHost.StartAsync(TestHost.NewDatabasePath(), settings);
    }

    private static void Add(Dictionary<string, string?> to, IDictionary<string, string?> from)
    {
        foreach (var (key, value) in from)
            to[key] = value;
    }

    private static SubmitMessageRequest Request(string externalId, string text = "Яма на дороге у дома, звоните +7 (912) 345-67-89 или пишите ivanov@mail.ru") => new()
    {
        Channel = "api",
        ExternalId = externalId,
        Text = text,
        Author = new Author { Name = "Иванов Иван Иванович", Phone = "+79123456789", Email = "ivanov@mail.ru" },
        Address = "г. Нягань, ул. Интернациональная, д. 12, кв. 5",
        Coordinates = new Coordinates { Latitude = 62.145678, Longitude = 65.393456 },
    };

    [Fact]
    public async Task Call_WithoutOrWithAnUnknownCredential_IsUnauthenticated()
    {
        await using var host = await StartAsync();
        using var none = host.ChannelFor(null);
        using var wrong = host.ChannelFor("not-a-key");

        var noKey = await Assert.ThrowsAsync<RpcException>(() => new MessageService.MessageServiceClient(none).ListMessagesAsync(new ListMessagesRequest()).ResponseAsync);
        var badKey = await Assert.ThrowsAsync<RpcException>(() => new MessageService.MessageServiceClient(wrong).SubmitMessageAsync(Request("x-1")).ResponseAsync);
        var stream = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = new EventService.EventServiceClient(none).SubscribeEvents(new SubscribeEventsRequest());
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.Equal(StatusCode.Unauthenticated, noKey.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, badKey.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, stream.StatusCode);
        Assert.Equal(0, await host.Store.CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnotherMunicipalitysMessage_IsNotFound_AndCannotBeChanged()
    {
        await using var host = await StartAsync();
        using var nyaganChannel = host.ChannelFor(NyaganKey);
        using var urayChannel = host.ChannelFor(UrayKey);
        var nyagan = new MessageService.MessageServiceClient(nyaganChannel);
        var uray = new MessageService.MessageServiceClient(urayChannel);

        var own = await nyagan.SubmitMessageAsync(Request("ext-1"));
        var foreign = await Assert.ThrowsAsync<RpcException>(() => uray.GetMessageAsync(new GetMessageRequest { Id = own.Id }).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => uray.GetMessageAsync(new GetMessageRequest { Id = "0123456789abcdef0123456789abcdef" }).ResponseAsync);
        var answer = await Assert.ThrowsAsync<RpcException>(() => uray.AnswerMessageAsync(new AnswerMessageRequest { Id = own.Id, Text = "Отремонтировано" }).ResponseAsync);
        var status = await Assert.ThrowsAsync<RpcException>(() => uray.UpdateStatusAsync(new UpdateStatusRequest { Id = own.Id, Status = MessageStatus.Rejected }).ResponseAsync);
        var listed = await uray.ListMessagesAsync(new ListMessagesRequest());
        var deliveries = await new DeliveryService.DeliveryServiceClient(urayChannel).ListDeliveriesAsync(new ListDeliveriesRequest());
        var sameSource = await uray.SubmitMessageAsync(Request("ext-1"));

        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);
        // Nothing tells "exists elsewhere" from "does not exist" but the id the caller sent itself.
        Assert.Equal(unknown.Status.Detail.Replace("0123456789abcdef0123456789abcdef", own.Id, StringComparison.Ordinal), foreign.Status.Detail);
        Assert.Equal(StatusCode.NotFound, answer.StatusCode);
        Assert.Equal(StatusCode.NotFound, status.StatusCode);
        Assert.Empty(listed.Messages);
        Assert.Empty(deliveries.Deliveries);
        // The same channel and external id in another municipality is that municipality's own message, not a duplicate.
        Assert.False(sameSource.Duplicate);
        Assert.NotEqual(own.Id, sameSource.Id);
        var stored = (await host.Store.GetMessageAsync(own.Id, CancellationToken.None))!;
        Assert.Equal(Nyagan, stored.Tenant);
        Assert.Null(stored.Answer);
        Assert.NotEqual(MCU.Hub.Messages.MessageStatus.Rejected, stored.Status);
        Assert.Equal(Uray, (await host.Store.GetMessageAsync(sameSource.Id, CancellationToken.None))!.Tenant);
    }

    [Fact]
    public async Task Scopes_ReadCannotWrite_WriteCannotAdminister_RegionCannotChange()
    {
        await using var host = await StartAsync();
        using var reader = host.ChannelFor(UrayReaderKey);
        using var writer = host.ChannelFor(NyaganKey);
        using var region = host.ChannelFor(RegionKey);

        var read = await Assert.ThrowsAsync<RpcException>(() => new MessageService.MessageServiceClient(reader).SubmitMessageAsync(Request("r-1")).ResponseAsync);
        var rules = await Assert.ThrowsAsync<RpcException>(() => new RuleService.RuleServiceClient(writer).SaveRuleSetAsync(new SaveRuleSetRequest { Json = "[]" }).ResponseAsync);
        var regional = await Assert.ThrowsAsync<RpcException>(() => new MessageService.MessageServiceClient(region).SubmitMessageAsync(Request("g-1")).ResponseAsync);
        var audit = await Assert.ThrowsAsync<RpcException>(() => new AuditService.AuditServiceClient(writer).ListAuditEntriesAsync(new ListAuditEntriesRequest()).ResponseAsync);
        var listed = await new MessageService.MessageServiceClient(reader).ListMessagesAsync(new ListMessagesRequest());

        Assert.Equal(StatusCode.PermissionDenied, read.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, rules.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, regional.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, audit.StatusCode);
        Assert.Empty(listed.Messages);
        Assert.Equal(0, await host.Store.CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Region_SeesItsMunicipalitiesAggregates_AndMessagesWithoutPersonalData()
    {
        await using var host = await StartAsync();
        using var nyaganChannel = host.ChannelFor(NyaganKey);
        using var urayChannel = host.ChannelFor(UrayKey);
        using var regionChannel = host.ChannelFor(RegionKey);
        for (var i = 0; i < 3; i++)
            await new MessageService.MessageServiceClient(nyaganChannel).SubmitMessageAsync(Request("n-" + i));
        for (var i = 0; i < 2; i++)
            await new MessageService.MessageServiceClient(urayChannel).SubmitMessageAsync(Request("u-" + i));
        var region = new MessageService.MessageServiceClient(regionChannel);
        var analytics = new AnalyticsService.AnalyticsServiceClient(regionChannel);
        var today = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var period = new Period { From = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), To = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };

        var listed = await region.ListMessagesAsync(new ListMessagesRequest());
        var card = await region.GetMessageAsync(new GetMessageRequest { Id = listed.Messages[0].Id });
        var inflow = (await analytics.GetKpisAsync(new GetKpisRequest { Period = period, IndicatorIds = { "inflow" } })).Values.Single();
        var byTenant = await analytics.GetKpiBreakdownAsync(new GetKpiBreakdownRequest { IndicatorId = "inflow", Period = period, Dimension = Dimension.Tenant });
        var urayOnly = (await analytics.GetKpisAsync(new GetKpisRequest { Period = period, IndicatorIds = { "inflow" }, Slice = new Slice { Tenant = Uray } })).Values.Single();
        var nyaganOwn = (await new AnalyticsService.AnalyticsServiceClient(nyaganChannel).GetKpisAsync(new GetKpisRequest { Period = period, IndicatorIds = { "inflow" } })).Values.Single();

        Assert.Equal(5, listed.Messages.Count);
        Assert.Equal(new[] { Nyagan, Uray }.Order(), listed.Messages.Select(m => m.Tenant).Distinct().Order());
        Assert.All(listed.Messages.Append(card.Message), m =>
        {
            Assert.True(m.PersonalDataMasked);
            Assert.Equal("", m.Author.Name);
            Assert.Equal("", m.Author.Phone);
            Assert.Equal("", m.Author.Email);
            Assert.Equal("", m.Address);
            Assert.DoesNotContain("345-67-89", m.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("ivanov@mail.ru", m.Text, StringComparison.Ordinal);
            Assert.Contains("Яма на дороге", m.Text, StringComparison.Ordinal);
            Assert.Equal(62.15, m.Coordinates.Latitude, 6);
        });
        Assert.Equal(5, inflow.Fact);
        Assert.Equal(2, urayOnly.Fact);
        Assert.Equal(3, nyaganOwn.Fact);
        Assert.Equal(3, byTenant.Rows.Single(r => r.Key == Nyagan).Value.Fact);
        Assert.Equal(2, byTenant.Rows.Single(r => r.Key == Uray).Value.Fact);
        Assert.Contains(byTenant.Rows, r => r.Name == "Город Урай");
        // The municipality itself reads its own messages in full.
        var own = await new MessageService.MessageServiceClient(nyaganChannel).ListMessagesAsync(new ListMessagesRequest());
        Assert.All(own.Messages, m => Assert.Equal("Иванов Иван Иванович", m.Author.Name));
        Assert.False(own.Messages[0].PersonalDataMasked);
        Assert.NotEmpty(today);
    }

    [Fact]
    public async Task EventStream_CarriesOnlyTheCallersMunicipality_AndResumesWithoutGapOrRepeat()
    {
        await using var host = await StartAsync();
        using var nyaganChannel = host.ChannelFor(NyaganKey);
        using var urayChannel = host.ChannelFor(UrayKey);
        var nyagan = new MessageService.MessageServiceClient(nyaganChannel);
        var uray = new MessageService.MessageServiceClient(urayChannel);
        var events = new EventService.EventServiceClient(urayChannel);
        for (var i = 0; i < 3; i++)
        {
            await nyagan.SubmitMessageAsync(Request("n-" + i));
            await uray.SubmitMessageAsync(Request("u-" + i));
        }

        var received = new List<MCU.Hub.Grpc.V1.HubEvent>();
        using (var cts = new CancellationTokenSource())
        using (var call = events.SubscribeEvents(new SubscribeEventsRequest { EventTypes = { "message.received" } }, cancellationToken: cts.Token))
        {
            while (received.Count < 2 && await call.ResponseStream.MoveNext(CancellationToken.None))
                received.Add(call.ResponseStream.Current);
            await cts.CancelAsync();
        }

        for (var i = 3; i < 5; i++)
        {
            await nyagan.SubmitMessageAsync(Request("n-" + i));
            await uray.SubmitMessageAsync(Request("u-" + i));
        }

        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        using (var call = events.SubscribeEvents(new SubscribeEventsRequest { AfterSequence = received[^1].Sequence, EventTypes = { "message.received" } }, cancellationToken: cts.Token))
        {
            while (received.Count < 5 && await call.ResponseStream.MoveNext(cts.Token))
                received.Add(call.ResponseStream.Current);
        }

        Assert.Equal(5, received.Count);
        Assert.All(received, e => Assert.Equal(Uray, e.Tenant));
        Assert.Equal(received.Count, received.Select(e => e.MessageId).Distinct().Count());
        Assert.True(received.Zip(received.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        var urayIds = (await uray.ListMessagesAsync(new ListMessagesRequest())).Messages.Select(m => m.Id).Order();
        Assert.Equal(urayIds, received.Select(e => e.MessageId).Order());
    }

    [Fact]
    public async Task RuleSets_ArePerMunicipality_AndEveryChangeIsAudited()
    {
        await using var host = await StartAsync();
        using var urayChannel = host.ChannelFor(UrayKey);
        var rules = new RuleService.RuleServiceClient(urayChannel);
        var before = await new RuleService.RuleServiceClient(host.Channel).GetRuleSetAsync(new GetRuleSetRequest());

        var saved = await rules.SaveRuleSetAsync(new SaveRuleSetRequest
        {
            Json = """[{ "name": "Дороги Урая", "categories": ["roads"], "recipients": ["roads-dept"] }]""",
            Comment = "Свой набор Урая",
        });
        var message = await new MessageService.MessageServiceClient(urayChannel).SubmitMessageAsync(Request("u-audit"));
        await new MessageService.MessageServiceClient(urayChannel).AnswerMessageAsync(new AnswerMessageRequest { Id = message.Id, Text = "Яма заделана" });
        var failed = await Assert.ThrowsAsync<RpcException>(() => new MessageService.MessageServiceClient(urayChannel).AnswerMessageAsync(new AnswerMessageRequest { Id = "0123456789abcdef0123456789abcdef", Text = "x" }).ResponseAsync);
        var after = await new RuleService.RuleServiceClient(host.Channel).GetRuleSetAsync(new GetRuleSetRequest());
        var audit = await new AuditService.AuditServiceClient(urayChannel).ListAuditEntriesAsync(new ListAuditEntriesRequest());
        var defaultAudit = await new AuditService.AuditServiceClient(host.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest());

        Assert.Equal(before.Version, after.Version);
        Assert.DoesNotContain("Дороги Урая", after.Json, StringComparison.Ordinal);
        Assert.Contains("Дороги Урая", saved.Json, StringComparison.Ordinal);
        Assert.Equal("Дороги Урая", (await host.Store.GetMessageAsync(message.Id, CancellationToken.None))!.RoutedByRule);
        Assert.Equal(StatusCode.NotFound, failed.StatusCode);
        Assert.All(audit.Entries, e => Assert.Equal("uray-admin", e.Credential));
        Assert.Contains(audit.Entries, e => e.Operation.EndsWith("/SaveRuleSet", StringComparison.Ordinal) && e.Outcome == "OK" && e.Request.Contains("Свой набор Урая", StringComparison.Ordinal));
        Assert.Contains(audit.Entries, e => e.Operation.EndsWith("/AnswerMessage", StringComparison.Ordinal) && e.Target == message.Id && e.Outcome == "OK");
        Assert.Contains(audit.Entries, e => e.Operation.EndsWith("/AnswerMessage", StringComparison.Ordinal) && e.Outcome == "NotFound");
        Assert.Contains(audit.Entries, e => e.Operation.EndsWith("/SubmitMessage", StringComparison.Ordinal));
        Assert.DoesNotContain(audit.Entries, e => e.Operation.EndsWith("/ListMessages", StringComparison.Ordinal));
        Assert.Empty(defaultAudit.Entries);
        Assert.Equal(Uray, (await host.Store.GetMessageAsync(message.Id, CancellationToken.None))!.Tenant);
        Assert.Contains("api:uray-admin", (await host.Store.GetHistoryAsync(message.Id, CancellationToken.None)).Select(h => h.Actor));
    }

    [Fact]
    public async Task RateLimit_PerCredential_AnswersResourceExhausted()
    {
        await using var host = await StartAsync(new Dictionary<string, string?> { ["McuHub:Security:ApiKeys:3:RequestsPerSecond"] = "2" });
        using var limited = host.ChannelFor(UrayReaderKey);
        var client = new MessageService.MessageServiceClient(limited);
        var codes = new List<StatusCode>();
        for (var i = 0; i < 12; i++)
        {
            try
            {
                await client.ListMessagesAsync(new ListMessagesRequest());
                codes.Add(StatusCode.OK);
            }
            catch (RpcException ex)
            {
                codes.Add(ex.StatusCode);
            }
        }

        var unlimited = await new MessageService.MessageServiceClient(host.Channel).ListMessagesAsync(new ListMessagesRequest());

        Assert.Contains(StatusCode.OK, codes);
        Assert.Contains(StatusCode.ResourceExhausted, codes);
        Assert.All(codes, c => Assert.True(c is StatusCode.OK or StatusCode.ResourceExhausted, c.ToString()));
        Assert.NotNull(unlimited);
    }

    [Fact]
    public async Task JwtBearer_TakesTenantAndScopesFromTheToken_AndRefusesABadSignature()
    {
        await using var host = await StartAsync();
        using var nyaganChannel = host.ChannelFor(NyaganKey);
        await new MessageService.MessageServiceClient(nyaganChannel).SubmitMessageAsync(Request("n-jwt"));
        var good = Token(JwtKey, Uray, "read");
        var forged = Token(Convert.ToBase64String("another-key-another-key-another!!"u8.ToArray()), Nyagan, "admin");

        var urayList = await Client(host, good).ListMessagesAsync(new ListMessagesRequest());
        var write = await Assert.ThrowsAsync<RpcException>(() => Client(host, good).SubmitMessageAsync(Request("u-jwt")).ResponseAsync);
        var bad = await Assert.ThrowsAsync<RpcException>(() => Client(host, forged).ListMessagesAsync(new ListMessagesRequest()).ResponseAsync);

        Assert.Empty(urayList.Messages);
        Assert.Equal(StatusCode.PermissionDenied, write.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, bad.StatusCode);
    }

    private static MessageService.MessageServiceClient Client(TestHost host, string token) =>
        new(host.ChannelFor(null).Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return metadata;
        }));

    private static string Token(string key, string tenant, string scope) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "cur-hmao",
        Audience = "mcu-hub",
        Subject = new ClaimsIdentity([new Claim("sub", "region-portal"), new Claim("tenant", tenant), new Claim("scope", scope)]),
        Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)), SecurityAlgorithms.HmacSha256),
    });
}
