using MCU.Hub.Intake;
using MCU.Hub.Kpi;
using MCU.Hub.Routing;
using MCU.Hub.Storage;
using MCU.Hub.Tenants;

namespace MCU.Hub.Core.Tests.Tenants;

public sealed class TenantTests
{
    private const string Nyagan = "71879000";
    private const string Uray = "71878000";

    private static void TwoTenants(McuHubOptions o)
    {
        o.Oktmo = Nyagan;
        o.Tenants = [new TenantDefinition { Oktmo = Uray, Name = "Город Урай", Channels = ["pos"] }];
    }

    [Fact]
    public async Task Intake_SameSourceInTwoMunicipalities_StoresTwoMessages_AndChannelsBelongToTheirTenant()
    {
        await using var hub = new TestHub(TwoTenants);
        var intake = hub.Get<IMessageIntake>();
        var store = hub.Get<IHubStore>();

        var nyagan = await intake.SubmitAsync(Nyagan, "api", TestHub.Item("x-1"), "test", CancellationToken.None);
        var uray = await intake.SubmitAsync(Uray, "api", TestHub.Item("x-1"), "test", CancellationToken.None);
        var again = await intake.SubmitAsync(Uray, "api", TestHub.Item("x-1"), "test", CancellationToken.None);
        var byChannel = await intake.SubmitAsync("pos", TestHub.Item("p-1"), "test", CancellationToken.None);
        var unknown = await Assert.ThrowsAsync<HubValidationException>(() => intake.SubmitAsync("11111111", "api", TestHub.Item("x-2"), "test", CancellationToken.None));

        Assert.False(uray.Duplicate);
        Assert.NotEqual(nyagan.MessageId, uray.MessageId);
        Assert.True(again.Duplicate);
        Assert.Equal(uray.MessageId, again.MessageId);
        Assert.Equal(Uray, (await store.GetMessageAsync(byChannel.MessageId!, CancellationToken.None))!.Tenant);
        Assert.Equal("tenant", unknown.Field);
        var urayPage = await store.ListMessagesAsync(new MessageQuery { Tenants = [Uray] }, CancellationToken.None);
        Assert.Equal(new[] { byChannel.MessageId, uray.MessageId }.Order(), urayPage.Items.Select(m => m.Id).Order());
        Assert.Equal(3, await store.CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Store_MessagesWrittenBeforeTenants_BelongToTheDefaultTenantOnceOneIsConfigured()
    {
        var path = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N"), "hub.db");
        string id;
        await using (var before = new TestHub(databasePath: path))
            id = (await before.Get<IMessageIntake>().SubmitAsync("api", TestHub.Item("old-1"), "test", CancellationToken.None)).MessageId!;

        await using var after = new TestHub(TwoTenants, path);
        var store = after.Get<IHubStore>();
        var intake = after.Get<IMessageIntake>();
        var redelivered = await intake.SubmitAsync(Nyagan, "api", TestHub.Item("old-1"), "test", CancellationToken.None);

        Assert.Equal(Nyagan, (await store.GetMessageAsync(id, CancellationToken.None))!.Tenant);
        Assert.True(redelivered.Duplicate);
        Assert.Equal(id, redelivered.MessageId);
        Assert.Single((await store.ListMessagesAsync(new MessageQuery { Tenants = [Nyagan] }, CancellationToken.None)).Items);
    }

    [Fact]
    public async Task Kpis_AndRuleSets_AreKeptApartByMunicipality()
    {
        await using var hub = new TestHub(TwoTenants);
        var intake = hub.Get<IMessageIntake>();
        var stores = hub.Get<TenantRuleStores>();
        await stores.For(Uray).SaveAsync([new RoutingRule { Name = "Всё в ЖКХ", Recipients = ["utilities"] }], "test", null, CancellationToken.None);
        for (var i = 0; i < 3; i++)
            await intake.SubmitAsync(Nyagan, "api", TestHub.Item("n-" + i), "test", CancellationToken.None);
        var urayMessage = await intake.SubmitAsync(Uray, "api", TestHub.Item("u-0"), "test", CancellationToken.None);
        var nyaganMessage = (await hub.Get<IHubStore>().ListMessagesAsync(new MessageQuery { Tenants = [Nyagan], PageSize = 1 }, CancellationToken.None)).Items[0];

        var kpis = hub.Get<KpiService>();
        var period = KpiPeriod.Of(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2));
        var all = (await kpis.ComputeAsync(period, KpiSlice.All, ["inflow"], CancellationToken.None)).Single();
        var uray = (await kpis.ComputeAsync(period, new KpiSlice { Tenants = [Uray] }, ["inflow"], CancellationToken.None)).Single();
        var byTenant = await kpis.BreakdownAsync("inflow", period, KpiSlice.All, KpiDimension.Tenant, CancellationToken.None);

        Assert.Equal(4, all.Fact.Value);
        Assert.Equal(1, uray.Fact.Value);
        Assert.Equal(3, byTenant.Single(r => r.Key == Nyagan).Value.Fact.Value);
        Assert.Equal("Город Урай", byTenant.Single(r => r.Key == Uray).Name);
        Assert.Equal(["utilities"], (await hub.Get<IHubStore>().GetMessageAsync(urayMessage.MessageId!, CancellationToken.None))!.Recipients);
        Assert.Equal(["roads-dept"], nyaganMessage.Recipients);
        Assert.Equal(1, (await stores.For(Nyagan).GetCurrentAsync(CancellationToken.None)).Version);
    }
}
