using Grpc.Core;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Records;
using MCU.Hub.Storage;

namespace MCU.Hub.Host.Tests.Quality;

/// <summary>Issue 9: flags, links and the weekly view of one municipality stay unseen by another's credential.</summary>
public sealed class QualityTenantTests : IAsyncLifetime
{
    private const string Nyagan = "71879000";
    private const string Uray = "71878000";
    private const string UrayAdminKey = "key-uray-admin";
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["McuHub:Oktmo"] = Nyagan,
            ["McuHub:Tenants:0:Oktmo"] = Nyagan,
            ["McuHub:Tenants:1:Oktmo"] = Uray,
        };
        foreach (var (key, value) in TestHost.Credential(1, "uray-admin", UrayAdminKey, Uray, "admin"))
            settings[key] = value;
        _host = await TestHost.StartAsync(TestHost.NewDatabasePath(), settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnotherMunicipality_SeesNeitherFlagsNorPagesNorPublications()
    {
        var messages = new MessageService.MessageServiceClient(_host.Channel);
        var id = (await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "t-1", Text = "Яма на дороге" })).Id;
        await messages.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Сделано." });
        var now = TimeProvider.System.GetUtcNow();
        await _host.Store.CommitIntakeAsync(new IntakeBatch([], new Dictionary<string, string?>())
        {
            Records =
            [
                new StoredRecord { Id = StoredRecord.KeyOf("gov-publics", "page", "page-n"), Channel = "gov-publics", Type = "page", ExternalId = "page-n", OccurredAt = now, StoredAt = now, Fields = new() { ["name"] = "Администрация" } },
                new StoredRecord { Id = StoredRecord.KeyOf("gov-publics", "publication", "pub-n"), Channel = "gov-publics", Type = "publication", ExternalId = "pub-n", OccurredAt = now, StoredAt = now, Fields = new() { ["page_id"] = "page-n" } },
            ],
        }, CancellationToken.None);
        using var urayChannel = _host.ChannelFor(UrayAdminKey);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var period = new Period { From = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), To = today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };

        var own = await SurveyPageTests.QualityFlagsOfTodayAsync(_host, QualityFlagKind.ShortAnswer);
        var theirs = await new QualityService.QualityServiceClient(urayChannel).ListQualityFlagsAsync(new ListQualityFlagsRequest { Period = period });
        var ownPages = await new InformingService.InformingServiceClient(_host.Channel).GetWeeklyPagesAsync(new GetWeeklyPagesRequest { Period = period });
        var theirPages = await new InformingService.InformingServiceClient(urayChannel).GetWeeklyPagesAsync(new GetWeeklyPagesRequest { Period = period });
        var link = await Assert.ThrowsAsync<RpcException>(() => new InformingService.InformingServiceClient(urayChannel)
            .LinkPublicationAsync(new LinkPublicationRequest { PublicationId = "pub-n", Target = PublicationLinkTarget.Roadmap, TargetId = "rm-1" }).ResponseAsync);

        Assert.Contains(own, f => f.MessageId == id && f.Tenant == Nyagan);
        Assert.Empty(theirs.Flags);
        Assert.Contains(ownPages.Pages, p => p.PageId == "page-n");
        Assert.Empty(theirPages.Pages);
        Assert.Equal(StatusCode.InvalidArgument, link.StatusCode);
        Assert.Contains("не найдена", link.Status.Detail);
    }
}
