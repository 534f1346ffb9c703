using Grpc.Core;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Grpc;

public sealed class DirectoryServiceTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private DirectoryService.DirectoryServiceClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>
        {
            ["McuHub:Recipients:0:Blocks:0"] = "roads",
            ["McuHub:Recipients:1:Code"] = "utilities",
            ["McuHub:Recipients:1:Name"] = "МКУ «Служба ЖКХ»",
            ["McuHub:Recipients:1:Blocks:0"] = "housing-utilities",
            ["McuHub:Recipients:1:Territories:0"] = "north",
            ["McuHub:Territories:0:Code"] = "north",
            ["McuHub:Territories:0:Name"] = "Северный микрорайон",
            ["McuHub:Territories:0:AddressKeywords:0"] = "северн",
            ["McuHub:Territories:1:Code"] = "central",
            ["McuHub:Territories:1:Name"] = "Центральный район",
        });
        _client = new DirectoryService.DirectoryServiceClient(_host.Channel);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ListRecipients_ReturnsTheConfiguredRecipientsByCode_AndFiltersByBlock()
    {
        var all = await _client.ListRecipientsAsync(new ListRecipientsRequest());
        var heating = await _client.ListRecipientsAsync(new ListRecipientsRequest { Block = "housing-utilities" });

        Assert.Equal(["roads-dept", "utilities"], all.Recipients.Select(r => r.Code));
        Assert.Equal("Управление дорожного хозяйства", all.Recipients[0].Name);
        Assert.Equal(["roads"], all.Recipients[0].Blocks);
        Assert.Equal(["north"], all.Recipients[1].Territories);
        Assert.Equal("utilities", Assert.Single(heating.Recipients).Code);
    }

    [Fact]
    public async Task ListTerritories_ReturnsTheConfiguredTerritoriesByCode()
    {
        var territories = await _client.ListTerritoriesAsync(new ListTerritoriesRequest());

        Assert.Equal(["central", "north"], territories.Territories.Select(t => t.Code));
        Assert.Equal(["северн"], territories.Territories[1].AddressKeywords);
        Assert.Empty(territories.Territories[1].GeoJson);
    }

    [Fact]
    public async Task ListCategories_ReturnsTheTreeAndTheTopicsOfABlock_AndAnUnknownParentIsInvalidArgument()
    {
        var tree = await _client.ListCategoriesAsync(new ListCategoriesRequest());
        var roads = await _client.ListCategoriesAsync(new ListCategoriesRequest { Parent = "roads" });
        var unknown = await Assert.ThrowsAsync<RpcException>(() => _client.ListCategoriesAsync(new ListCategoriesRequest { Parent = "astrology" }).ResponseAsync);

        Assert.Contains(tree.Categories, c => c is { Code: "roads", Name: "Дороги", Parent: "" });
        Assert.Equal(tree.Categories.Select(c => c.Code).Order(StringComparer.Ordinal), tree.Categories.Select(c => c.Code));
        Assert.Equal(["road-repair", "snow-removal"], roads.Categories.Select(c => c.Code));
        Assert.Contains("ям", roads.Categories[0].Keywords);
        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.StartsWith("parent:", unknown.Status.Detail, StringComparison.Ordinal);
    }
}
