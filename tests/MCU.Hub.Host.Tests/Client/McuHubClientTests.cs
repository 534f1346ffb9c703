using System.Collections.Concurrent;
using System.Security.Claims;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using MCU.Hub.Client;
using MCU.Hub.Grpc.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MCU.Hub.Host.Tests.Client;

/// <summary>The client package against the real host: typed clients from <c>AddMcuHubClient</c>, their headers and deadline.</summary>
public sealed class McuHubClientTests : IAsyncLifetime
{
    private const string Oktmo = "71879000";
    private static readonly string JwtKey = Convert.ToBase64String("0123456789abcdef0123456789abcdef"u8.ToArray());
    private readonly HeaderRecorder _recorder = new();
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>
        {
            ["McuHub:Oktmo"] = Oktmo,
            ["McuHub:Security:Jwt:SigningKey"] = JwtKey,
            ["McuHub:Security:Jwt:Issuer"] = "cur-hmao",
        }, b =>
        {
            b.Services.AddSingleton(_recorder);
            b.Services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<HeaderRecorder.Interceptor>());
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AddMcuHubClient_WithApiKey_CallsTheHubWithTheKeyHeader()
    {
        await using var provider = new ServiceCollection().AddMcuHubClient(o => { o.Address = _host.Address; o.ApiKey = TestHost.AdminKey; }).Services.BuildServiceProvider();
        var messages = provider.GetRequiredService<MessageService.MessageServiceClient>();
        var directory = provider.GetRequiredService<DirectoryService.DirectoryServiceClient>();

        var id = (await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "c-1", Text = "Яма на дороге" })).Id;
        var got = await messages.GetMessageAsync(new GetMessageRequest { Id = id });
        var recipients = await directory.ListRecipientsAsync(new ListRecipientsRequest());

        Assert.Equal("Яма на дороге", got.Message.Text);
        Assert.Equal("roads-dept", recipients.Recipients[0].Code);
        var headers = _recorder.Calls["/mcu.hub.v1.MessageService/GetMessage"];
        Assert.Equal(TestHost.AdminKey, headers.GetValue("x-api-key"));
        Assert.Null(headers.GetValue("authorization"));
        Assert.NotNull(_recorder.Deadlines["/mcu.hub.v1.MessageService/GetMessage"]);
    }

    [Fact]
    public async Task AddMcuHubClient_FromConfigurationWithBearerToken_SendsTheToken()
    {
        var token = Token("read");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["McuHubClient:Address"] = _host.Address.ToString(),
            ["McuHubClient:BearerToken"] = token,
            ["McuHubClient:Deadline"] = "00:01:00",
        }).Build();
        await using var provider = new ServiceCollection().AddMcuHubClient(configuration.GetSection(McuHubClientOptions.SectionName)).Services.BuildServiceProvider();

        await provider.GetRequiredService<DirectoryService.DirectoryServiceClient>().ListTerritoriesAsync(new ListTerritoriesRequest());

        var headers = _recorder.Calls["/mcu.hub.v1.DirectoryService/ListTerritories"];
        Assert.Equal("Bearer " + token, headers.GetValue("authorization"));
        Assert.Null(headers.GetValue("x-api-key"));
    }

    [Fact]
    public async Task AddMcuHubClient_WithTokenProvider_AsksForTheTokenOnEachCall()
    {
        var issued = 0;
        var tokens = new[] { Token("read"), Token("admin") };
        await using var provider = new ServiceCollection().AddMcuHubClient(o =>
        {
            o.Address = _host.Address;
            o.BearerTokenProvider = _ => ValueTask.FromResult<string?>(tokens[Interlocked.Increment(ref issued) - 1]);
        }).Services.BuildServiceProvider();
        var rules = provider.GetRequiredService<RuleService.RuleServiceClient>();

        await rules.GetRuleSetAsync(new GetRuleSetRequest());
        var first = _recorder.Calls["/mcu.hub.v1.RuleService/GetRuleSet"].GetValue("authorization");
        await rules.GetRuleSetAsync(new GetRuleSetRequest());
        var second = _recorder.Calls["/mcu.hub.v1.RuleService/GetRuleSet"].GetValue("authorization");

        Assert.Equal(("Bearer " + tokens[0], "Bearer " + tokens[1]), (first, second));
        Assert.Equal(2, issued);
    }

    public static TheoryData<string, string> InvalidOptions() => new()
    {
        { "no address", "McuHubClient:Address" },
        { "relative address", "McuHubClient:Address" },
        { "ftp address", "McuHubClient:Address" },
        { "key and token", "McuHubClient:ApiKey" },
        { "blank key", "McuHubClient:ApiKey" },
        { "zero deadline", "McuHubClient:Deadline" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task AddMcuHubClient_InvalidOptions_FailNamingTheOption(string invalidCase, string option)
    {
        await using var provider = new ServiceCollection().AddMcuHubClient(o =>
        {
            o.Address = _host.Address;
            switch (invalidCase)
            {
                case "no address": o.Address = null; break;
                case "relative address": o.Address = new Uri("/hub", UriKind.Relative); break;
                case "ftp address": o.Address = new Uri("ftp://127.0.0.1/"); break;
                case "key and token": (o.ApiKey, o.BearerToken) = ("k", "t"); break;
                case "blank key": o.ApiKey = " k "; break;
                case "zero deadline": o.Deadline = TimeSpan.Zero; break;
            }
        }).Services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<MessageService.MessageServiceClient>());

        Assert.Contains(error.Failures, f => f.StartsWith(option + ":", StringComparison.Ordinal));
    }

    private static string Token(string scope) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "cur-hmao",
        Audience = "mcu-hub",
        Subject = new ClaimsIdentity([new Claim("sub", "cur-portal"), new Claim("tenant", Oktmo), new Claim("scope", scope)]),
        Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(JwtKey)), SecurityAlgorithms.HmacSha256),
    });

    /// <summary>Keeps the request headers and deadline of the latest call of each method, as the server saw them.</summary>
    internal sealed class HeaderRecorder
    {
        public ConcurrentDictionary<string, Metadata> Calls { get; } = new();

        public ConcurrentDictionary<string, DateTime?> Deadlines { get; } = new();

        internal sealed class Interceptor(HeaderRecorder recorder) : global::Grpc.Core.Interceptors.Interceptor
        {
            public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
            {
                recorder.Calls[context.Method] = context.RequestHeaders;
                recorder.Deadlines[context.Method] = context.Deadline == DateTime.MaxValue ? null : context.Deadline;
                return continuation(request, context);
            }
        }
    }
}
