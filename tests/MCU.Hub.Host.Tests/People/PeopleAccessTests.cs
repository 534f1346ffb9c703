using System.Security.Claims;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MCU.Hub.Host.Tests.People;

/// <summary>
/// People with the regulations' roles, through the real host: account keys, what each role may do, deputies during
/// an absence («и. о.») and what the history and the audit log say of them.
/// </summary>
public sealed class PeopleAccessTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(TestHost.NewDatabasePath());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private PeopleService.PeopleServiceClient Admin => new(_host.Channel);

    private async Task<string> PersonAsync(string login, string role, string? recipient = null, string? block = null)
    {
        var request = new CreateAccountRequest { Login = login, FullName = "Сотрудник " + login, Position = "специалист", Roles = { role } };
        if (recipient is not null)
            request.Recipients.Add(recipient);
        if (block is not null)
            request.Blocks.Add(block);
        if (role == "channel-responsible")
            request.Channels.Add("pos");
        await Admin.CreateAccountAsync(request);
        return (await Admin.IssueAccountKeyAsync(new IssueAccountKeyRequest { Login = login })).Key;
    }

    private async Task<string> MessageAsync(string externalId) =>
        (await new MessageService.MessageServiceClient(_host.Channel).SubmitMessageAsync(new SubmitMessageRequest
        {
            Channel = "api",
            ExternalId = externalId,
            Text = "Яма на дороге у дома 5, звоните +7 (912) 345-67-89",
            Author = new Author { Name = "Иванов Иван Иванович", Phone = "+79123456789" },
            Address = "ул. Ленина, д. 5, кв. 7",
        })).Id;

    private static Task<RpcException> Refused(Func<Task> call) => Assert.ThrowsAsync<RpcException>(call);

    [Fact]
    public async Task Executor_ReadsButCannotApproveAnAnswerNorChangeTheMessage()
    {
        var key = await PersonAsync("executor1", "executor", recipient: "roads-dept");
        var id = await MessageAsync("e-1");
        using var channel = _host.ChannelFor(key);
        var messages = new MessageService.MessageServiceClient(channel);

        var read = await messages.GetMessageAsync(new GetMessageRequest { Id = id });
        var answer = await Refused(() => messages.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Яму заделали" }).ResponseAsync);
        var status = await Refused(() => messages.UpdateStatusAsync(new UpdateStatusRequest { Id = id, Status = MessageStatus.InProgress }).ResponseAsync);
        using var http = _host.HttpFor(key);
        using var httpAnswer = await http.PostAsync($"/v1/messages/{id}/answer", TestHost.Json("""{ "text": "Яму заделали" }"""));

        Assert.Equal(id, read.Message.Id);
        Assert.Equal(StatusCode.PermissionDenied, answer.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, httpAnswer.StatusCode);
        var stored = (await _host.Store.GetMessageAsync(id, CancellationToken.None))!;
        Assert.Null(stored.Answer);
    }

    [Fact]
    public async Task McuSpecialist_CannotEditRules_ButChangesAndAnswersMessages()
    {
        var key = await PersonAsync("spec1", "mcu-specialist");
        var id = await MessageAsync("s-1");
        using var channel = _host.ChannelFor(key);
        var rules = new RuleService.RuleServiceClient(channel);
        var messages = new MessageService.MessageServiceClient(channel);
        var exported = await rules.ExportRulesAsync(new ExportRulesRequest());

        var put = await Refused(() => rules.PutRuleAsync(new PutRuleRequest { Name = "Мусор", Json = """{ "recipients": [ "roads-dept" ] }""" }).ResponseAsync);
        var delete = await Refused(() => rules.DeleteRuleAsync(new DeleteRuleRequest { Name = "Дороги" }).ResponseAsync);
        var import = await Refused(() => rules.ImportRulesAsync(new ImportRulesRequest { Json = exported.Json }).ResponseAsync);
        var save = await Refused(() => rules.SaveRuleSetAsync(new SaveRuleSetRequest { Json = exported.Json }).ResponseAsync);
        var changed = await messages.ChangeCategoryAsync(new ChangeCategoryRequest { Id = id, Category = "snow-removal", Reason = "уточнено" });
        var answered = await messages.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Снег убрали" });
        var history = await messages.GetMessageHistoryAsync(new GetMessageHistoryRequest { Id = id });

        Assert.All([put, delete, import, save], e => Assert.Equal(StatusCode.PermissionDenied, e.StatusCode));
        Assert.Equal(1, (await new RuleService.RuleServiceClient(_host.Channel).GetRuleSetAsync(new GetRuleSetRequest())).Version);
        Assert.Equal("snow-removal", changed.Category);
        Assert.Equal("Снег убрали", answered.Answer.Text);
        Assert.Contains(history.Entries, h => h.Action == "category" && h.Actor == "spec1");
    }

    [Fact]
    public async Task Head_EditsRules_AndTheVersionNamesThePerson()
    {
        var key = await PersonAsync("head1", "head");
        var rules = new RuleService.RuleServiceClient(_host.ChannelFor(key));

        var saved = await rules.PutRuleAsync(new PutRuleRequest { Name = "Мусор", Json = """{ "categories": [ "waste" ], "recipients": [ "roads-dept" ] }""", Comment = "новое" });

        Assert.Equal(2, saved.Version);
        Assert.Equal("head1", saved.SavedBy);
    }

    [Fact]
    public async Task Deputy_HoldsTheAbsentHeadsPermissions_OnlyDuringTheAbsence_AndHistoryAndAuditSayIo()
    {
        await PersonAsync("ivanov", "head");
        var key = await PersonAsync("petrova", "mcu-specialist");
        var id = await MessageAsync("d-1");
        using var channel = _host.ChannelFor(key);
        var rules = new RuleService.RuleServiceClient(channel);
        var now = TimeProvider.System.GetUtcNow();

        var before = await Refused(() => rules.PutRuleAsync(new PutRuleRequest { Name = "Мусор", Json = """{ "recipients": [ "roads-dept" ] }""" }).ResponseAsync);
        // An absence that has not begun yet gives nothing.
        await Admin.SetAbsenceAsync(new SetAbsenceRequest { Login = "ivanov", From = Timestamp.FromDateTimeOffset(now.AddDays(1)), To = Timestamp.FromDateTimeOffset(now.AddDays(2)), Deputy = "petrova", Reason = "командировка" });
        var future = await Refused(() => rules.PutRuleAsync(new PutRuleRequest { Name = "Мусор", Json = """{ "recipients": [ "roads-dept" ] }""" }).ResponseAsync);
        var absent = await Admin.SetAbsenceAsync(new SetAbsenceRequest { Login = "ivanov", From = Timestamp.FromDateTimeOffset(now.AddHours(-1)), To = Timestamp.FromDateTimeOffset(now.AddHours(1)), Deputy = "petrova", Reason = "отпуск" });
        var session = await new SessionService.SessionServiceClient(channel).GetSessionAsync(new GetSessionRequest());
        var during = await rules.PutRuleAsync(new PutRuleRequest { Name = "Мусор", Json = """{ "categories": [ "waste" ], "recipients": [ "roads-dept" ] }""" });
        await new MessageService.MessageServiceClient(channel).UpdateStatusAsync(new UpdateStatusRequest { Id = id, Status = MessageStatus.InProgress });
        var current = absent.Absences.Single(a => a.Current);
        await Admin.RemoveAbsenceAsync(new RemoveAbsenceRequest { Login = "ivanov", AbsenceId = current.Id });
        var after = await Refused(() => rules.DeleteRuleAsync(new DeleteRuleRequest { Name = "Мусор" }).ResponseAsync);

        Assert.All([before, future, after], e => Assert.Equal(StatusCode.PermissionDenied, e.StatusCode));
        Assert.Equal("petrova (и. о. ivanov)", during.SavedBy);
        Assert.Equal("ivanov", Assert.Single(session.ActingFor).Login);
        Assert.Equal("Сотрудник ivanov", session.ActingFor[0].FullName);
        Assert.Contains(session.Roles, r => r.Code == "head" && r.Name == "Руководитель МЦУ");
        Assert.Contains("rules.edit", session.Permissions);
        var history = await new MessageService.MessageServiceClient(_host.Channel).GetMessageHistoryAsync(new GetMessageHistoryRequest { Id = id });
        Assert.Contains(history.Entries, h => h.Action == "status" && h.Actor == "petrova (и. о. ivanov)");
        var audit = await new AuditService.AuditServiceClient(_host.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 1000 });
        Assert.Contains(audit.Entries, e => e.Operation.EndsWith("/PutRule", StringComparison.Ordinal) && e.Outcome == "OK" && e.Credential == "petrova (и. о. ivanov)");
    }

    [Fact]
    public async Task DeactivatedAccount_AndRevokedKey_AreUnauthenticated()
    {
        var key = await PersonAsync("gone1", "mcu-specialist");
        var kept = await PersonAsync("kept1", "mcu-specialist");
        var second = (await Admin.IssueAccountKeyAsync(new IssueAccountKeyRequest { Login = "kept1" })).Info;
        var firstOfKept = (await Admin.GetAccountAsync(new GetAccountRequest { Login = "kept1" })).Keys.Single(k => k.Id != second.Id);
        Assert.Equal(StatusCode.OK, await StatusOfAsync(key));

        await Admin.DeactivateAccountAsync(new DeactivateAccountRequest { Login = "gone1" });
        var revoked = await Admin.RevokeAccountKeyAsync(new RevokeAccountKeyRequest { Login = "kept1", KeyId = firstOfKept.Id });

        Assert.Equal(1, revoked.Revoked);
        Assert.Equal(StatusCode.Unauthenticated, await StatusOfAsync(key));
        Assert.Equal(StatusCode.Unauthenticated, await StatusOfAsync(kept));
        var issue = await Refused(() => Admin.IssueAccountKeyAsync(new IssueAccountKeyRequest { Login = "gone1" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, issue.StatusCode);
    }

    private async Task<StatusCode> StatusOfAsync(string key)
    {
        using var channel = _host.ChannelFor(key);
        try
        {
            await new MessageService.MessageServiceClient(channel).ListMessagesAsync(new ListMessagesRequest());
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    [Fact]
    public async Task Curator_WithoutPersonalDataPermission_SeesMaskedAuthors_SpecialistSeesThem()
    {
        var curator = await PersonAsync("curator1", "curator");
        var specialist = await PersonAsync("spec2", "mcu-specialist");
        var id = await MessageAsync("p-1");

        using var curatorChannel = _host.ChannelFor(curator);
        using var specialistChannel = _host.ChannelFor(specialist);
        var masked = (await new MessageService.MessageServiceClient(curatorChannel).GetMessageAsync(new GetMessageRequest { Id = id })).Message;
        var plain = (await new MessageService.MessageServiceClient(specialistChannel).GetMessageAsync(new GetMessageRequest { Id = id })).Message;
        var session = await new SessionService.SessionServiceClient(curatorChannel).GetSessionAsync(new GetSessionRequest());

        Assert.True(masked.PersonalDataMasked);
        Assert.Equal("", masked.Author.Name);
        Assert.DoesNotContain("345-67-89", masked.Text, StringComparison.Ordinal);
        Assert.Equal("", masked.Address);
        Assert.False(plain.PersonalDataMasked);
        Assert.Equal("Иванов Иван Иванович", plain.Author.Name);
        Assert.True(session.PersonalDataMasked);
        Assert.DoesNotContain("personal-data.read", session.Permissions);
    }

    [Fact]
    public async Task Specialist_CannotManageAccounts_ButReadsOwnAccountAndTheRoles()
    {
        var key = await PersonAsync("spec3", "mcu-specialist");
        using var channel = _host.ChannelFor(key);
        var people = new PeopleService.PeopleServiceClient(channel);

        var create = await Refused(() => people.CreateAccountAsync(new CreateAccountRequest { Login = "x1", FullName = "Х", Roles = { "head" } }).ResponseAsync);
        var issue = await Refused(() => people.IssueAccountKeyAsync(new IssueAccountKeyRequest { Login = "spec3" }).ResponseAsync);
        var own = await people.GetAccountAsync(new GetAccountRequest { Login = "spec3" });
        var roles = await people.ListRolesAsync(new ListRolesRequest());

        Assert.All([create, issue], e => Assert.Equal(StatusCode.PermissionDenied, e.StatusCode));
        Assert.Equal("Специалист МЦУ", Assert.Single(own.RoleNames));
        Assert.Empty(own.Keys);
        Assert.Equal(8, roles.Roles.Count);
        Assert.Contains(roles.Roles, r => r.Code == "executor" && r.Name == "Исполнитель ответственного получателя" && r.NeedsRecipients && !r.Permissions.Contains("answers.approve"));
        Assert.DoesNotContain("rules.edit", roles.Roles.Single(r => r.Code == "mcu-specialist").Permissions);
    }

    [Theory]
    [InlineData("executor", null, null, "recipients")]
    [InlineData("executor", "no-such-dept", null, "recipients")]
    [InlineData("block-head", null, null, "blocks")]
    [InlineData("block-specialist", null, "heating", "blocks")]
    [InlineData("chief", null, null, "roles")]
    public async Task Create_WithAWrongField_IsInvalidArgumentNamingTheField(string role, string? recipient, string? block, string field)
    {
        var request = new CreateAccountRequest { Login = "bad1", FullName = "Неверов Н. Н.", Roles = { role } };
        if (recipient is not null)
            request.Recipients.Add(recipient);
        if (block is not null)
            request.Blocks.Add(block);

        var error = await Refused(() => Admin.CreateAccountAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await Admin.ListAccountsAsync(new ListAccountsRequest())).Accounts);
    }

    [Fact]
    public async Task Absence_WithAWrongDeputyOrPeriod_IsInvalidArgumentNamingTheField()
    {
        await PersonAsync("ivanov2", "head");
        await PersonAsync("sidorov2", "coordinator");
        var now = TimeProvider.System.GetUtcNow();
        Task<RpcException> Set(string deputy, DateTimeOffset from, DateTimeOffset to, string login = "ivanov2") => Refused(() => Admin.SetAbsenceAsync(new SetAbsenceRequest
        {
            Login = login, Deputy = deputy, From = Timestamp.FromDateTimeOffset(from), To = Timestamp.FromDateTimeOffset(to),
        }).ResponseAsync);

        var self = await Set("ivanov2", now, now.AddDays(1));
        var unknown = await Set("nobody", now, now.AddDays(1));
        var backwards = await Set("sidorov2", now, now.AddDays(-1));
        await Admin.SetAbsenceAsync(new SetAbsenceRequest { Login = "sidorov2", Deputy = "ivanov2", From = Timestamp.FromDateTimeOffset(now), To = Timestamp.FromDateTimeOffset(now.AddDays(3)) });
        var cycle = await Set("sidorov2", now.AddDays(1), now.AddDays(2));
        var missing = await Refused(() => Admin.SetAbsenceAsync(new SetAbsenceRequest { Login = "nobody", Deputy = "ivanov2", From = Timestamp.FromDateTimeOffset(now), To = Timestamp.FromDateTimeOffset(now.AddDays(1)) }).ResponseAsync);

        Assert.StartsWith("deputy:", self.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("deputy:", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("to:", backwards.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("deputy:", cycle.Status.Detail, StringComparison.Ordinal);
        Assert.All([self, unknown, backwards, cycle], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Empty((await Admin.GetAccountAsync(new GetAccountRequest { Login = "ivanov2" })).Absences);
    }

    [Fact]
    public async Task ConfiguredKeyWithARole_HoldsTheRolesPermissions()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>
        {
            ["McuHub:Security:ApiKeys:1:Name"] = "test-executor",
            ["McuHub:Security:ApiKeys:1:KeyHash"] = MCU.Hub.Host.Security.ApiKeyHash.Of("executor-key"),
            ["McuHub:Security:ApiKeys:1:Roles:0"] = "executor",
            ["McuHub:Security:ApiKeys:1:Recipients:0"] = "roads-dept",
            ["McuHub:Security:ApiKeys:1:RequestsPerSecond"] = "0",
        });
        var id = (await new MessageService.MessageServiceClient(host.Channel).SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "c-1", Text = "Яма" })).Id;
        using var channel = host.ChannelFor("executor-key");

        var answer = await Refused(() => new MessageService.MessageServiceClient(channel).AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Готово" }).ResponseAsync);
        var session = await new SessionService.SessionServiceClient(channel).GetSessionAsync(new GetSessionRequest());

        Assert.Equal(StatusCode.PermissionDenied, answer.StatusCode);
        Assert.Contains("answers.draft", session.Permissions);
        Assert.DoesNotContain("answers.approve", session.Permissions);
        Assert.Equal("executor", Assert.Single(session.Roles).Code);
    }

    [Fact]
    public async Task JwtWhoseSubjectIsAnAccount_ActsWithTheAccountsRoles()
    {
        var signing = Convert.ToBase64String("0123456789abcdef0123456789abcdef"u8.ToArray());
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?> { ["McuHub:Security:Jwt:SigningKey"] = signing });
        await new PeopleService.PeopleServiceClient(host.Channel).CreateAccountAsync(new CreateAccountRequest { Login = "exec-jwt", FullName = "Исполнитель", Roles = { "executor" }, Recipients = { "roads-dept" } });
        var id = (await new MessageService.MessageServiceClient(host.Channel).SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "j-1", Text = "Яма" })).Id;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Audience = "mcu-hub",
            // The token claims every scope; the account's role decides.
            Subject = new ClaimsIdentity([new Claim("sub", "exec-jwt"), new Claim("scope", "read write admin")]),
            Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(signing)), SecurityAlgorithms.HmacSha256),
        });
        var client = new MessageService.MessageServiceClient(TestHost.ChannelFor(host.Address, null));
        var headers = new Metadata { { "authorization", "Bearer " + token } };

        var read = await client.GetMessageAsync(new GetMessageRequest { Id = id }, headers);
        var answer = await Refused(() => client.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Готово" }, headers).ResponseAsync);

        Assert.Equal(id, read.Message.Id);
        Assert.Equal(StatusCode.PermissionDenied, answer.StatusCode);
    }
}

/// <summary>The <c>apikey new</c> command with roles instead of scopes.</summary>
public sealed class ApiKeyRolesCliTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = MCU.Hub.Host.Cli.HostCli.Run(args, output, error, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void ApiKeyNew_WithRoles_PrintsTheRoles_AndAnUnknownRoleOrNothingIsRefused()
    {
        var (exit, output, _) = Run("apikey", "new", "--name", "stand-executor", "--roles", "executor");
        var (unknownExit, _, unknownError) = Run("apikey", "new", "--name", "x", "--roles", "chief");
        var (noneExit, _, noneError) = Run("apikey", "new", "--name", "x");

        Assert.Equal(0, exit);
        Assert.Contains("McuHub__Security__ApiKeys__0__Roles__0=executor", output, StringComparison.Ordinal);
        Assert.DoesNotContain("__Scopes__", output, StringComparison.Ordinal);
        Assert.Equal(2, unknownExit);
        Assert.StartsWith("roles:", unknownError, StringComparison.Ordinal);
        Assert.Equal(2, noneExit);
        Assert.StartsWith("scopes:", noneError, StringComparison.Ordinal);
    }
}
