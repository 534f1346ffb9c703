using MCU.Hub.Grpc.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace MCU.Hub.Host.Tests.WorkingCycle;

/// <summary>The fast-track catalogue and roadmaps on the PostgreSQL store (<c>MCUHUB_TEST_POSTGRES</c>).</summary>
public sealed class PostgreSqlWorkingCycleTests
{
    [Fact]
    public async Task FastTrackAndRoadmap_WorkOnPostgreSql_AndSurviveARestart()
    {
        var server = Environment.GetEnvironmentVariable("MCUHUB_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("MCUHUB_TEST_POSTGRES is not set: this test needs a PostgreSQL server whose user may CREATE DATABASE (.ci/run starts one).");
        var database = "mcuhub_cycle_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["McuHub:Storage:Provider"] = "postgresql",
                ["McuHub:Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
            };
            var clock = new FakeTimeProvider(FastTrackTests.Start);
            string roadmapId, messageId;
            await using (var host = await FastTrackTests.StartAsync(clock, settings))
            {
                await new FastTrackService.FastTrackServiceClient(host.Channel).CreateFastTrackEntryAsync(new CreateFastTrackEntryRequest { Entry = FastTrackTests.Hatch() });
                await new RuleService.RuleServiceClient(host.Channel).SaveRuleSetAsync(new SaveRuleSetRequest { Json = FastTrackTests.HatchRule });
                var messages = new MessageService.MessageServiceClient(host.Channel);
                messageId = (await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "pg-1", Text = "Открытый люк у школы" })).Id;
                var message = (await messages.GetMessageAsync(new GetMessageRequest { Id = messageId })).Message;
                Assert.Equal(["vodokanal"], message.Recipients);
                Assert.True(message.FastTrack);
                Assert.Equal(new DateTimeOffset(2026, 11, 7, 0, 0, 0, TimeSpan.FromHours(3)), message.DueAt.ToDateTimeOffset());

                var roadmaps = new RoadmapService.RoadmapServiceClient(host.Channel);
                var roadmap = await roadmaps.CreateRoadmapAsync(new CreateRoadmapRequest { Title = "Люки", RootCause = "Кражи крышек", MessageIds = { messageId } });
                roadmapId = roadmap.Id;
                await roadmaps.AddMeasureAsync(new AddMeasureRequest { RoadmapId = roadmapId, Title = "Запорные устройства", Owner = "vodokanal", DueDate = "2026-11-20" });
                await roadmaps.UpdateMeasureAsync(new UpdateMeasureRequest { RoadmapId = roadmapId, MeasureId = "m1", State = MeasureState.Done });
            }

            await using (var host = await FastTrackTests.StartAsync(clock, settings))
            {
                var roadmap = await new RoadmapService.RoadmapServiceClient(host.Channel).GetRoadmapAsync(new GetRoadmapRequest { Id = roadmapId });
                Assert.Equal(RoadmapState.Implemented, roadmap.State);
                var kpi = (await new AnalyticsService.AnalyticsServiceClient(host.Channel).GetKpisAsync(new GetKpisRequest
                {
                    Period = new Period { From = "2026-11-01", To = "2026-11-30" }, IndicatorIds = { "roadmap-share" },
                })).Values.Single();
                Assert.Equal(1, kpi.Numerator);
                // The catalogue is read back from the server: the entry still routes.
                var messages = new MessageService.MessageServiceClient(host.Channel);
                var next = (await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "pg-2", Text = "Снова открытый люк" })).Id;
                Assert.True((await messages.GetMessageAsync(new GetMessageRequest { Id = next })).Message.FastTrack);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
