using System.Net;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Answers;

/// <summary>
/// The AnswerService's contract on the real host with messages submitted through the API: bad input names its field,
/// another municipality's message is unseen, templates are edited only with the rules permission and rendered from a
/// message, and the JSON routes serve the same calls.
/// </summary>
public sealed class AnswerServiceTests : IAsyncLifetime
{
    private const string Nyagan = "71879000";
    private const string Uray = "71878000";
    private const string ExecutorKey = "key-nyagan-executor";
    private const string SpecialistKey = "key-nyagan-specialist";
    private const string UraySpecialistKey = "key-uray-specialist";
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["McuHub:Oktmo"] = Nyagan,
            ["McuHub:Tenants:0:Oktmo"] = Nyagan,
            ["McuHub:Tenants:1:Oktmo"] = Uray,
        };
        AnswerRig.Add(settings, 1, "nyagan-executor", ExecutorKey, "executor", "roads-dept", Nyagan);
        AnswerRig.Add(settings, 2, "nyagan-specialist", SpecialistKey, "mcu-specialist", null, Nyagan);
        AnswerRig.Add(settings, 3, "uray-specialist", UraySpecialistKey, "mcu-specialist", null, Uray);
        _host = await TestHost.StartAsync(TestHost.NewDatabasePath(), settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> SubmitAsync(string externalId, string address = "ул. Ленина, 5")
    {
        var id = (await new MessageService.MessageServiceClient(_host.Channel).SubmitMessageAsync(new SubmitMessageRequest
        {
            Channel = "api", ExternalId = externalId, Text = "Огромная яма на дороге у дома", Address = address, SourceCategory = "Ямы на дороге",
        })).Id;
        var message = (await _host.Store.GetMessageAsync(id, CancellationToken.None))!;
        if (!message.Recipients.SequenceEqual(["roads-dept"]))
            await new MessageService.MessageServiceClient(_host.Channel).ReassignMessageAsync(new ReassignMessageRequest { Id = id, Recipients = { "roads-dept" }, Reason = "дороги" });
        return id;
    }

    private AnswerService.AnswerServiceClient Client(string key) => new(_host.ChannelFor(key));

    private static async Task<RpcException> FailsAsync<T>(AsyncUnaryCall<T> call) => await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

    [Fact]
    public async Task BadInput_IsInvalidArgumentNamingTheField()
    {
        var id = await SubmitAsync("bad-1");
        var executor = Client(ExecutorKey);
        var specialist = Client(SpecialistKey);
        await executor.SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = "Ответ." });

        var errors = new (RpcException Error, string Field)[]
        {
            (await FailsAsync(executor.SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = " " })), "text:"),
            (await FailsAsync(executor.SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = "Ответ.", Evidence = { new AnswerEvidence { Kind = EvidenceKind.Photo, Url = "not a link" } } })), "evidence[0].url:"),
            (await FailsAsync(executor.SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = "Ответ.", Evidence = { new AnswerEvidence { Url = "https://ok.example/1.jpg" } } })), "evidence[0].kind:"),
            (await FailsAsync(executor.SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = "Ответ.", AnsweredBy = "no-such-dept" })), "answered_by:"),
            (await FailsAsync(executor.SubmitDraftAsync(new SubmitDraftRequest { Id = "", Text = "Ответ." })), "id:"),
            (await FailsAsync(executor.SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = "Ответ.", TemplateId = "no-such-template" })), "template_id:"),
            (await FailsAsync(executor.SendInterimAnswerAsync(new SendInterimAnswerRequest { Id = id, Text = "Скоро." })), "expected_by:"),
            (await FailsAsync(executor.SendInterimAnswerAsync(new SendInterimAnswerRequest { Id = id, Text = "Скоро.", ExpectedBy = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow().AddDays(-1)) })), "expected_by:"),
            (await FailsAsync(executor.SendInterimAnswerAsync(new SendInterimAnswerRequest { Id = id, ExpectedBy = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow().AddDays(1)) })), "text:"),
            (await FailsAsync(specialist.ReturnDraftAsync(new ReturnDraftRequest { Id = id })), "comment:"),
            (await FailsAsync(specialist.ApproveDraftAsync(new ApproveDraftRequest { Id = id, Revision = -1 })), "revision:"),
            (await FailsAsync(specialist.ListDraftsAsync(new ListDraftsRequest { PageSize = 5000 })), "page_size:"),
            (await FailsAsync(specialist.ListDraftsAsync(new ListDraftsRequest { PageToken = "zzz" })), "page_token:"),
            (await FailsAsync(new AnswerService.AnswerServiceClient(_host.Channel).CreateAnswerTemplateAsync(new CreateAnswerTemplateRequest { Template = new AnswerTemplate { Name = "Ямы", Category = "nope", Text = "x" } })), "category:"),
        };

        Assert.All(errors, e =>
        {
            Assert.Equal(StatusCode.InvalidArgument, e.Error.StatusCode);
            Assert.StartsWith(e.Field, e.Error.Status.Detail, StringComparison.Ordinal);
        });
        Assert.Equal(1, (await executor.GetDraftAsync(new GetDraftRequest { Id = id })).Draft.Revision);
    }

    [Fact]
    public async Task AnotherMunicipalitysMessage_IsNotFoundLikeAnUnknownId()
    {
        var id = await SubmitAsync("tenant-1");
        await Client(ExecutorKey).SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = "Ответ." });
        var uray = Client(UraySpecialistKey);

        var approve = await FailsAsync(uray.ApproveDraftAsync(new ApproveDraftRequest { Id = id }));
        var get = await FailsAsync(uray.GetDraftAsync(new GetDraftRequest { Id = id }));
        var unknown = await FailsAsync(uray.GetDraftAsync(new GetDraftRequest { Id = "0123456789abcdef0123456789abcdef" }));
        var queue = await uray.ListDraftsAsync(new ListDraftsRequest());

        Assert.Equal(StatusCode.NotFound, approve.StatusCode);
        Assert.Equal($"сообщение '{id}' не найдено", approve.Status.Detail);
        Assert.Equal($"сообщение '{id}' не найдено", get.Status.Detail);
        Assert.Equal("сообщение '0123456789abcdef0123456789abcdef' не найдено", unknown.Status.Detail);
        Assert.Empty(queue.Drafts);
        Assert.Contains((await Client(SpecialistKey).ListDraftsAsync(new ListDraftsRequest())).Drafts, d => d.MessageId == id);
    }

    [Fact]
    public async Task Templates_EditedWithTheRulesPermission_RenderedForAMessage()
    {
        var id = await SubmitAsync("tpl-1", address: "ул. Советская, 12");
        var admin = new AnswerService.AnswerServiceClient(_host.Channel);
        var specialist = Client(SpecialistKey);

        var denied = await FailsAsync(specialist.CreateAnswerTemplateAsync(new CreateAnswerTemplateRequest { Template = new AnswerTemplate { Name = "Ямы", Block = "roads", Text = "x" } }));
        var created = await admin.CreateAnswerTemplateAsync(new CreateAnswerTemplateRequest
        {
            Template = new AnswerTemplate { Name = "Яма будет заделана", Category = "road-repair", Text = "По адресу {адрес} яма будет заделана до {срок}. Работы выполнит {подрядчик}, контроль — {куратор}." },
        });
        var listed = await specialist.ListAnswerTemplatesAsync(new ListAnswerTemplatesRequest { Category = "road-repair" });
        var rendered = await Client(ExecutorKey).RenderAnswerTemplateAsync(new RenderAnswerTemplateRequest { TemplateId = created.Id, MessageId = id, Values = { ["подрядчик"] = "МУП «Дорсервис»" } });
        var uray = await FailsAsync(Client(UraySpecialistKey).GetAnswerTemplateAsync(new GetAnswerTemplateRequest { Id = created.Id }));
        var updated = await admin.UpdateAnswerTemplateAsync(new UpdateAnswerTemplateRequest { Id = created.Id, Template = new AnswerTemplate { Name = "Яма будет заделана", Category = "road-repair", Text = "Яма по адресу {адрес} заделана.", Version = created.Version } });
        var stale = await FailsAsync(admin.UpdateAnswerTemplateAsync(new UpdateAnswerTemplateRequest { Id = created.Id, Template = new AnswerTemplate { Name = "x", Text = "y", Version = created.Version } }));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(["адрес", "срок", "подрядчик", "куратор"], created.Placeholders);
        Assert.Equal("roads", created.Block);
        Assert.Equal(created.Id, Assert.Single(listed.Templates).Id);
        Assert.StartsWith("По адресу ул. Советская, 12 яма будет заделана до ", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("выполнит МУП «Дорсервис», контроль — {куратор}.", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{срок}", rendered.Text, StringComparison.Ordinal);
        Assert.Equal(["куратор"], rendered.Missing);
        Assert.Equal(StatusCode.NotFound, uray.StatusCode);
        Assert.Equal(created.Version + 1, updated.Version);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);

        await admin.DeleteAnswerTemplateAsync(new DeleteAnswerTemplateRequest { Id = created.Id });
        Assert.Equal(StatusCode.NotFound, (await FailsAsync(admin.GetAnswerTemplateAsync(new GetAnswerTemplateRequest { Id = created.Id }))).StatusCode);
    }

    [Fact]
    public async Task JsonRoutes_ServeTheCycle()
    {
        var id = await SubmitAsync("json-1");
        using var executor = _host.HttpFor(ExecutorKey);
        using var specialist = _host.HttpFor(SpecialistKey);

        using var submitted = await executor.PutAsync($"/v1/messages/{id}/draft", TestHost.Json("""
            { "text": "Яма заделана.", "evidence": [ { "kind": "EVIDENCE_KIND_PHOTO", "url": "https://files.example/done.jpg" } ] }
            """));
        using var forbidden = await executor.PostAsync($"/v1/messages/{id}/draft/approve", TestHost.Json("{}"));
        using var queue = await specialist.GetAsync("/v1/drafts");
        using var approved = await specialist.PostAsync($"/v1/messages/{id}/draft/approve", TestHost.Json("""{ "revision": 1 }"""));
        using var again = await specialist.PostAsync($"/v1/messages/{id}/draft/approve", TestHost.Json("""{ "revision": 1 }"""));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains(id, await queue.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        using var body = JsonDocument.Parse(await approved.Content.ReadAsStringAsync());
        Assert.Equal("DRAFT_STATE_APPROVED", body.RootElement.GetProperty("draft").GetProperty("state").GetString());
        Assert.True(body.RootElement.GetProperty("automatedControl").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }
}
