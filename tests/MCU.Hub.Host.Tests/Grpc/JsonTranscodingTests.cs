using System.Net;
using System.Text.Json;

namespace MCU.Hub.Host.Tests.Grpc;

/// <summary>The same services as JSON over HTTP/1.1 (google.api.http routes), through the host's Http1 endpoint.</summary>
public sealed class JsonTranscodingTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>
    {
        ["McuHub:Recipients:1:Code"] = "utilities",
        ["McuHub:Recipients:1:Name"] = "МКУ «Служба ЖКХ»",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : TestHost.Json(json) };
        using var response = await _host.Http.SendAsync(request);
        Assert.Equal(HttpVersion.Version11, response.Version);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    private async Task<string> SubmitAsync(string externalId, string text = "Яма на дороге у школы")
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/messages", $$"""{ "channel": "api", "externalId": "{{externalId}}", "kind": "MESSAGE_KIND_APPEAL", "text": "{{text}}" }""");
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task PostThenGet_Message_RoundTripsAsJson()
    {
        var id = await SubmitAsync("j-1");

        var (status, body) = await SendAsync(HttpMethod.Get, $"/v1/messages/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        var message = body.GetProperty("message");
        Assert.Equal("Яма на дороге у школы", message.GetProperty("text").GetString());
        Assert.Equal("MESSAGE_KIND_APPEAL", message.GetProperty("kind").GetString());
        Assert.Equal("MESSAGE_STATUS_ROUTED", message.GetProperty("status").GetString());
        Assert.Equal("roads-dept", message.GetProperty("recipients")[0].GetString());
        Assert.Equal("appeal-59fz", message.GetProperty("deadlinePolicy").GetString());
        Assert.Equal(4, body.GetProperty("history").GetArrayLength());
        Assert.Equal(1, await _host.Store.CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetList_QueryParameters_FilterAndPage()
    {
        for (var i = 0; i < 5; i++)
            await SubmitAsync("jl-" + i, i % 2 == 0 ? "Яма на дороге" : "Нет отопления");

        var (status, page) = await SendAsync(HttpMethod.Get, "/v1/messages?category=roads&pageSize=2");
        var (_, next) = await SendAsync(HttpMethod.Get, $"/v1/messages?category=roads&pageSize=2&pageToken={page.GetProperty("nextPageToken").GetString()}");
        var (_, routed) = await SendAsync(HttpMethod.Get, "/v1/messages?statuses=MESSAGE_STATUS_ROUTED&recipient=roads-dept");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, page.GetProperty("messages").GetArrayLength());
        Assert.Equal(1, next.GetProperty("messages").GetArrayLength());
        Assert.False(next.TryGetProperty("nextPageToken", out var token) && token.GetString()!.Length > 0);
        Assert.Equal(3, routed.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Post_InvalidField_Is400NamingTheFieldAndStoresNothing()
    {
        var (emptyText, body) = await SendAsync(HttpMethod.Post, "/v1/messages", """{ "channel": "api", "externalId": "bad-1", "text": "" }""");
        var (unknownChannel, channelBody) = await SendAsync(HttpMethod.Post, "/v1/messages", """{ "channel": "telegraph", "externalId": "bad-2", "text": "Мусор" }""");
        var (badPage, pageBody) = await SendAsync(HttpMethod.Get, "/v1/messages?pageSize=5000");

        Assert.Equal(HttpStatusCode.BadRequest, emptyText);
        Assert.StartsWith("text:", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, body.GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, unknownChannel);
        Assert.StartsWith("channel:", channelBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badPage);
        Assert.StartsWith("page_size:", pageBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await _host.Store.CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Post_MalformedJson_Is400AndStoresNothing()
    {
        using var notJson = await _host.Http.PostAsync("/v1/messages", TestHost.Json("""{ "channel": "api", "text": """));
        using var wrongType = await _host.Http.PostAsync("/v1/messages", TestHost.Json("""{ "channel": "api", "externalId": "x", "text": "Мусор", "coordinates": "север" }"""));
        using var unknownEnum = await _host.Http.PostAsync("/v1/messages", TestHost.Json("""{ "channel": "api", "externalId": "x", "text": "Мусор", "kind": "MESSAGE_KIND_TELEGRAM" }"""));

        Assert.All([notJson, wrongType, unknownEnum], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(0, await _host.Store.CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Calls_WithoutOrWithAWrongCredential_Are401AndChangeNothing()
    {
        using var anonymous = _host.HttpFor(null);
        using var wrong = _host.HttpFor("not-a-key");

        using var list = await anonymous.GetAsync("/v1/messages");
        using var submit = await wrong.PostAsync("/v1/messages", TestHost.Json("""{ "channel": "api", "externalId": "anon-1", "text": "Мусор" }"""));

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, submit.StatusCode);
        Assert.Equal(0, await _host.Store.CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Get_UnknownId_Is404()
    {
        var (message, body) = await SendAsync(HttpMethod.Get, "/v1/messages/0123456789abcdef0123456789abcdef");
        var (history, _) = await SendAsync(HttpMethod.Get, "/v1/messages/0123456789abcdef0123456789abcdef/history");
        var (rule, _) = await SendAsync(HttpMethod.Get, "/v1/rules/" + Uri.EscapeDataString("Нет такого"));

        Assert.Equal(HttpStatusCode.NotFound, message);
        Assert.Equal(5, body.GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, history);
        Assert.Equal(HttpStatusCode.NotFound, rule);
    }

    [Fact]
    public async Task PostReassignAndBatch_ThenGetHistory_Work()
    {
        var id = await SubmitAsync("jr-1");

        var (reassigned, message) = await SendAsync(HttpMethod.Post, $"/v1/messages/{id}/reassign", """{ "recipients": [ "utilities" ], "reason": "прорыв трубы" }""");
        var (history, entries) = await SendAsync(HttpMethod.Get, $"/v1/messages/{id}/history");
        var (batch, results) = await SendAsync(HttpMethod.Post, "/v1/messages/batch", """{ "items": [ { "channel": "api", "externalId": "jb-1", "text": "Мусор" }, { "channel": "api", "externalId": "jb-2", "text": "" } ] }""");

        Assert.Equal(HttpStatusCode.OK, reassigned);
        Assert.Equal("utilities", message.GetProperty("recipients")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, history);
        Assert.Equal("reassigned", entries.GetProperty("entries").EnumerateArray().Last().GetProperty("action").GetString());
        Assert.Equal(HttpStatusCode.OK, batch);
        Assert.Equal(1, results.GetProperty("accepted").GetInt32());
        Assert.Equal("text", results.GetProperty("results")[1].GetProperty("errorField").GetString());
    }

    [Fact]
    public async Task DirectoryAndRules_AreReachableAsJson()
    {
        var (recipients, directory) = await SendAsync(HttpMethod.Get, "/v1/directory/recipients");
        var (categories, tree) = await SendAsync(HttpMethod.Get, "/v1/directory/categories?parent=roads");
        var name = Uri.EscapeDataString("Мусор");
        var (put, saved) = await SendAsync(HttpMethod.Put, $"/v1/rules/{name}", """{ "json": "{ \"order\": 20, \"anyWords\": [ \"мусор\" ], \"recipients\": [ \"utilities\" ] }", "comment": "по HTTP" }""");
        var (get, rule) = await SendAsync(HttpMethod.Get, $"/v1/rules/{name}");
        var (export, document) = await SendAsync(HttpMethod.Get, "/v1/rule-set/export");
        var (delete, afterDelete) = await SendAsync(HttpMethod.Delete, $"/v1/rules/{name}");

        Assert.Equal(HttpStatusCode.OK, recipients);
        Assert.Equal(["roads-dept", "utilities"], directory.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.OK, categories);
        Assert.All(tree.GetProperty("categories").EnumerateArray(), c => Assert.Equal("roads", c.GetProperty("parent").GetString()));
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.Equal((HttpStatusCode.OK, "Мусор"), (get, rule.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.OK, export);
        Assert.Contains("\"Мусор\"", document.GetProperty("json").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, 3), (delete, afterDelete.GetProperty("version").GetInt32()));
    }
}
