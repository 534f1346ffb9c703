using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using Npgsql;

namespace MCU.Hub.Host.Tests.People;

/// <summary>Accounts of two municipalities on one hub (and a regional center, which sees none), and account keys on the PostgreSQL store.</summary>
public sealed class PeopleTenantTests
{
    private const string Nyagan = "71879000";
    private const string Uray = "71878000";
    private const string UrayAdminKey = "key-uray-admin";
    private const string RegionKey = "key-region";
    private const string Variable = "MCUHUB_TEST_POSTGRES";

    [Fact]
    public async Task AnotherMunicipality_NeitherSeesNorManagesTheAccounts_NorNamesThemAsDeputies()
    {
        var settings = new Dictionary<string, string?>
        {
            ["McuHub:Oktmo"] = Nyagan,
            ["McuHub:Tenants:0:Oktmo"] = Nyagan,
            ["McuHub:Tenants:1:Oktmo"] = Uray,
        };
        foreach (var (key, value) in TestHost.Credential(1, "uray-admin", UrayAdminKey, Uray, "admin").Concat(TestHost.Credential(2, "cur-hmao", RegionKey, Nyagan, "region")))
            settings[key] = value;
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), settings);
        var nyagan = new PeopleService.PeopleServiceClient(host.Channel);
        using var urayChannel = host.ChannelFor(UrayAdminKey);
        var uray = new PeopleService.PeopleServiceClient(urayChannel);
        await nyagan.CreateAccountAsync(new CreateAccountRequest { Login = "ivanov", FullName = "Иванов И. И.", Roles = { "head" } });
        var nyaganKey = (await nyagan.IssueAccountKeyAsync(new IssueAccountKeyRequest { Login = "ivanov" })).Key;
        await uray.CreateAccountAsync(new CreateAccountRequest { Login = "urayhead", FullName = "Уров У. У.", Roles = { "head" } });
        var now = TimeProvider.System.GetUtcNow();

        var listed = await uray.ListAccountsAsync(new ListAccountsRequest());
        var get = await Assert.ThrowsAsync<RpcException>(() => uray.GetAccountAsync(new GetAccountRequest { Login = "ivanov" }).ResponseAsync);
        var deactivate = await Assert.ThrowsAsync<RpcException>(() => uray.DeactivateAccountAsync(new DeactivateAccountRequest { Login = "ivanov" }).ResponseAsync);
        var issue = await Assert.ThrowsAsync<RpcException>(() => uray.IssueAccountKeyAsync(new IssueAccountKeyRequest { Login = "ivanov" }).ResponseAsync);
        var deputy = await Assert.ThrowsAsync<RpcException>(() => uray.SetAbsenceAsync(new SetAbsenceRequest
        {
            Login = "urayhead", Deputy = "ivanov", From = Timestamp.FromDateTimeOffset(now), To = Timestamp.FromDateTimeOffset(now.AddDays(1)),
        }).ResponseAsync);
        using var nyaganChannel = host.ChannelFor(nyaganKey);
        var own = await new PeopleService.PeopleServiceClient(nyaganChannel).ListAccountsAsync(new ListAccountsRequest());
        var session = await new SessionService.SessionServiceClient(nyaganChannel).GetSessionAsync(new GetSessionRequest());
        using var regionChannel = host.ChannelFor(RegionKey);
        var region = await Assert.ThrowsAsync<RpcException>(() => new PeopleService.PeopleServiceClient(regionChannel).ListAccountsAsync(new ListAccountsRequest()).ResponseAsync);

        Assert.Equal("urayhead", Assert.Single(listed.Accounts).Login);
        Assert.Equal("ivanov", Assert.Single(own.Accounts).Login);
        Assert.All([get, deactivate, issue], e => Assert.Equal(StatusCode.NotFound, e.StatusCode));
        Assert.Equal(StatusCode.PermissionDenied, region.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, deputy.StatusCode);
        Assert.StartsWith("deputy:", deputy.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(Nyagan, session.Tenant.Oktmo);
        Assert.True((await nyagan.GetAccountAsync(new GetAccountRequest { Login = "ivanov" })).Active);
    }

    [Fact]
    public async Task AccountKeys_WorkOnThePostgreSqlStore()
    {
        var server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: this test needs a PostgreSQL server whose user may CREATE DATABASE.");
        var database = "mcuhub_people_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>
            {
                ["McuHub:Storage:Provider"] = "postgresql",
                ["McuHub:Storage:ConnectionString"] = connectionString,
            });
            var people = new PeopleService.PeopleServiceClient(host.Channel);
            await people.CreateAccountAsync(new CreateAccountRequest { Login = "pg-exec", FullName = "Исполнитель", Roles = { "executor" }, Recipients = { "roads-dept" } });
            var issued = await people.IssueAccountKeyAsync(new IssueAccountKeyRequest { Login = "pg-exec" });
            using var channel = host.ChannelFor(issued.Key);
            var messages = new MessageService.MessageServiceClient(channel);

            await messages.ListMessagesAsync(new ListMessagesRequest());
            var answer = await Assert.ThrowsAsync<RpcException>(() => messages.AnswerMessageAsync(new AnswerMessageRequest { Id = "x", Text = "Готово" }).ResponseAsync);
            await people.RevokeAccountKeyAsync(new RevokeAccountKeyRequest { Login = "pg-exec" });
            var revoked = await Assert.ThrowsAsync<RpcException>(() => messages.ListMessagesAsync(new ListMessagesRequest()).ResponseAsync);

            Assert.Equal(StatusCode.PermissionDenied, answer.StatusCode);
            Assert.Equal(StatusCode.Unauthenticated, revoked.StatusCode);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
                    break;
                }
                catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 50)
                {
                    await Task.Delay(200);
                }
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
