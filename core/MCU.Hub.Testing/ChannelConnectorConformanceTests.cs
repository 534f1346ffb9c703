using MCU.Hub.Channels;
using Xunit;

namespace MCU.Hub.Testing;

/// <summary>
/// The behaviour every channel connector must show against an emulator of its external system. Inherit it in the
/// connector's test project with a fixture: <c>public sealed class MyConnectorConformance(MyFixture f) :
/// ChannelConnectorConformanceTests&lt;MyFixture&gt;(f), IClassFixture&lt;MyFixture&gt;;</c>
/// </summary>
/// <typeparam name="TFixture">The fixture that runs the emulator.</typeparam>
public abstract class ChannelConnectorConformanceTests<TFixture>
    where TFixture : IConnectorTestFixture
{
    /// <summary>Creates the suite.</summary>
    /// <param name="fixture">The fixture.</param>
    protected ChannelConnectorConformanceTests(TFixture fixture) => Fixture = fixture;

    /// <summary>Gets the fixture.</summary>
    protected TFixture Fixture { get; }

    /// <summary>The page size the suite asks for; small, so that paging is exercised.</summary>
    protected virtual int PageSize => 7;

    /// <summary>The descriptor names a valid code and a Russian display name, and declares polling or push.</summary>
    [Fact]
    public void Descriptor_IsComplete()
    {
        var descriptor = Fixture.Plugin.Descriptor;
        Assert.Matches("^[a-z][a-z0-9-]{1,39}$", descriptor.Code);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.DisplayName));
        Assert.True((descriptor.Capabilities & (ChannelCapabilities.Poll | ChannelCapabilities.Push | ChannelCapabilities.FileImport)) != 0);
        var contract = Fixture.Plugin.GetType().Assembly.GetCustomAttributes(typeof(ChannelPluginContractAttribute), false);
        Assert.Single(contract);
    }

    /// <summary>Pulling to the end returns every item once, in the emulator's order, and every item is well-formed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task PullAll_FromTheStart_ReturnsEveryItemOnceInOrder()
    {
        using var services = PluginTestHost.Build(Fixture.Plugin, Fixture.Settings);
        var pass = await services.Connector(Fixture.Plugin).PullAllAsync(PageSize);

        Assert.Equal(Fixture.ExpectedExternalIds, pass.Items.Select(i => i.ExternalId));
        Assert.Equal(Fixture.ExpectedRecordCount, pass.Records.Count);
        Assert.All(pass.Items, AssertWellFormed);
        Assert.All(pass.Records, r =>
        {
            Assert.Matches("^[a-z][a-z0-9_-]{0,39}$", r.Type);
            Assert.False(string.IsNullOrWhiteSpace(r.ExternalId));
            Assert.NotEqual(default, r.OccurredAt);
        });
    }

    /// <summary>A new connector instance that resumes from a saved checkpoint sees neither a gap nor a repeat.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Pull_ResumedFromACheckpointInANewInstance_ContinuesWithoutGapOrRepeat()
    {
        string? checkpoint;
        var seen = new List<string>();
        using (var first = PluginTestHost.Build(Fixture.Plugin, Fixture.Settings))
        {
            var page = await first.Connector(Fixture.Plugin).PullAsync(new PullRequest(null, PageSize), CancellationToken.None);
            Assert.True(page.Items.Count <= PageSize, $"asked for {PageSize}, got {page.Items.Count}");
            seen.AddRange(page.Items.Select(i => i.ExternalId));
            checkpoint = page.NextCheckpoint;
        }

        using (var second = PluginTestHost.Build(Fixture.Plugin, Fixture.Settings))
        {
            var rest = await second.Connector(Fixture.Plugin).PullAllAsync(PageSize, checkpoint);
            seen.AddRange(rest.Items.Select(i => i.ExternalId));
        }

        Assert.Equal(Fixture.ExpectedExternalIds, seen);
    }

    /// <summary>A pull at the end returns nothing new and keeps a usable checkpoint.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Pull_AtTheEnd_ReturnsNothingAndSaysNoMore()
    {
        using var services = PluginTestHost.Build(Fixture.Plugin, Fixture.Settings);
        var connector = services.Connector(Fixture.Plugin);
        var pass = await connector.PullAllAsync(PageSize);
        var again = await connector.PullAsync(new PullRequest(pass.Checkpoint, PageSize), CancellationToken.None);

        Assert.Empty(again.Items);
        Assert.False(again.HasMore);
    }

    /// <summary>A server error is thrown to the host (which owns retries), never swallowed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Pull_ServerError_Throws()
    {
        using var services = PluginTestHost.Build(Fixture.Plugin, Fixture.Settings);
        Fixture.FailNext(1, 500);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => services.Connector(Fixture.Plugin).PullAsync(new PullRequest(null, PageSize), CancellationToken.None));
        }
        finally
        {
            Fixture.FailNext(0, 500);
        }
    }

    /// <summary>A reply sent twice with the same idempotency key is recorded once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SendReply_RetriedWithTheSameKey_IsRecordedOnce()
    {
        if (!Fixture.Plugin.Descriptor.Capabilities.HasFlag(ChannelCapabilities.Reply) || Fixture.ExpectedExternalIds.Count == 0)
            return;

        using var services = PluginTestHost.Build(Fixture.Plugin, Fixture.Settings);
        var connector = services.Connector(Fixture.Plugin);
        var target = Fixture.ExpectedExternalIds[^1];
        var before = Fixture.RepliesRecorded(target);
        var reply = new ChannelReply
        {
            ExternalId = target,
            MessageId = "conformance-" + Guid.NewGuid().ToString("N"),
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            Text = "Проверка соответствия: ответ по существу.",
            Status = "answered",
            ChangedAt = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.FromHours(3)),
        };

        var first = await connector.SendReplyAsync(reply, CancellationToken.None);
        var second = await connector.SendReplyAsync(reply, CancellationToken.None);

        Assert.Equal(before + 1, Fixture.RepliesRecorded(target));
        Assert.Equal(first.ExternalReplyId, second.ExternalReplyId);
    }

    private static void AssertWellFormed(InboundItem item)
    {
        Assert.False(string.IsNullOrWhiteSpace(item.ExternalId));
        Assert.True(item.ExternalId.Length <= 200, $"{item.ExternalId}: external id longer than 200");
        Assert.False(string.IsNullOrWhiteSpace(item.Text), $"{item.ExternalId}: empty text");
        Assert.NotEqual(default, item.CreatedAt);
        Assert.True(Enum.IsDefined(item.Kind), $"{item.ExternalId}: unknown kind");
        Assert.Equal(item.Latitude.HasValue, item.Longitude.HasValue);
        if (item.Latitude is { } lat)
            Assert.InRange(lat, -90, 90);
        if (item.Longitude is { } lon)
            Assert.InRange(lon, -180, 180);
    }
}
