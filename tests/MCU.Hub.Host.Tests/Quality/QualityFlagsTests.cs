using Grpc.Core;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Quality;

/// <summary>The real host with answer templates configured, shared by the quality flag tests.</summary>
public sealed class QualityHostFixture : IAsyncLifetime
{
    public const string Template = "Ваше обращение по адресу {адрес} рассмотрено. Работы будут выполнены до {дата}. Ответственный исполнитель {исполнитель}.";
    public const string ReaderKey = "quality-reader-key";

    internal TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["McuHub:Quality:Templates:0"] = Template };
        foreach (var (key, value) in TestHost.Credential(1, "reader", ReaderKey, "", "read"))
            settings[key] = value;
        Host = await TestHost.StartAsync(TestHost.NewDatabasePath(), settings);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>Issue 9: each quality flag fires on a planted case and stays silent on a clean one, through the public API.</summary>
public sealed class QualityFlagsTests(QualityHostFixture fixture) : IClassFixture<QualityHostFixture>
{
    private const string Substantive = "Яма у дома 12 по улице Садовой заделана бригадой подрядчика 18.11.2026, фото выполненных работ приложено.";
    private readonly MessageService.MessageServiceClient _messages = new(fixture.Host.Channel);

    private async Task<string> SubmitAsync(string externalId, string text = "Яма на дороге у дома", string? address = null, string? phone = null, double? latitude = null, double? longitude = null)
    {
        var request = new SubmitMessageRequest { Channel = "api", ExternalId = externalId, Text = text, Address = address ?? "" };
        if (phone is not null)
            request.Author = new Author { Name = "Житель", Phone = phone };
        if (latitude is { } lat && longitude is { } lon)
            request.Coordinates = new Coordinates { Latitude = lat, Longitude = lon };
        return (await _messages.SubmitMessageAsync(request)).Id;
    }

    private async Task<string> AnsweredAsync(string externalId, string answer, string? address = null)
    {
        var id = await SubmitAsync(externalId, address: address);
        await _messages.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = answer });
        return id;
    }

    private Task<IReadOnlyList<QualityFlag>> FlagsAsync(QualityFlagKind kind) => SurveyPageTests.QualityFlagsOfTodayAsync(fixture.Host, kind);

    [Fact]
    public async Task ShortAnswer_FlagsAOneWordAnswer_NotASubstantiveOne()
    {
        var planted = await AnsweredAsync("short-1", "Сделано.");
        var clean = await AnsweredAsync("short-2", Substantive);

        var flags = await FlagsAsync(QualityFlagKind.ShortAnswer);

        Assert.Contains("короче 80", Assert.Single(flags, f => f.MessageId == planted).Reason);
        Assert.DoesNotContain(flags, f => f.MessageId == clean);
    }

    [Fact]
    public async Task NoSubstance_FlagsBoilerplateOnly_NotBoilerplateWithFacts()
    {
        var planted = await AnsweredAsync("bp-1", "Ваше обращение рассмотрено. Информация принята к сведению. Вопрос находится на контроле. С уважением, администрация.");
        var clean = await AnsweredAsync("bp-2", "Ваше обращение рассмотрено. Яма заделана 18.11.2026.");

        var flags = await FlagsAsync(QualityFlagKind.NoSubstance);

        Assert.Contains("формальный ответ", Assert.Single(flags, f => f.MessageId == planted).Reason);
        Assert.DoesNotContain(flags, f => f.MessageId == clean);
    }

    [Fact]
    public async Task UnfilledTemplate_FlagsALeftPlaceholderAndTheBareTemplate_NotAFilledOne()
    {
        var placeholder = await AnsweredAsync("tpl-1", "Ваше обращение по адресу {адрес} рассмотрено. Работы будут выполнены до 25.11.2026. Ответственный исполнитель Петров И. И.");
        var bare = await AnsweredAsync("tpl-2", "Ваше обращение по адресу рассмотрено. Работы будут выполнены до . Ответственный исполнитель .");
        var filled = await AnsweredAsync("tpl-3", "Ваше обращение по адресу ул. Садовая, д. 12 рассмотрено. Работы будут выполнены до 25.11.2026. Ответственный исполнитель Петров И. И., мастер участка.");

        var flags = await FlagsAsync(QualityFlagKind.UnfilledTemplate);

        Assert.Contains("{адрес}", Assert.Single(flags, f => f.MessageId == placeholder).Reason);
        Assert.Contains("повторяет шаблон", Assert.Single(flags, f => f.MessageId == bare).Reason);
        Assert.DoesNotContain(flags, f => f.MessageId == filled);
    }

    [Fact]
    public async Task SameAnswer_FlagsOneTextToDifferentPlaces_NotToTheSameProblem()
    {
        const string Shared = "Ямочный ремонт запланирован на летний сезон, работы выполнит подрядная организация по муниципальному контракту.";
        const string Duplicate = "Ремонт покрытия во дворе включён в план благоустройства, подрядчик приступит к работам после схода снега.";
        var a = await AnsweredAsync("same-1", Shared, "ул. Ленина, 10");
        var b = await AnsweredAsync("same-2", Shared, "ул. Мира, 3");
        var c = await AnsweredAsync("same-3", Duplicate, "ул. Озёрная, 7");
        var d = await AnsweredAsync("same-4", Duplicate, "улица Озерная, дом 7");

        var flags = await FlagsAsync(QualityFlagKind.SameAnswer);

        Assert.Contains(b, Assert.Single(flags, f => f.MessageId == a).RelatedMessageIds);
        Assert.Contains(a, Assert.Single(flags, f => f.MessageId == b).RelatedMessageIds);
        Assert.DoesNotContain(flags, f => f.MessageId == c || f.MessageId == d);
    }

    [Fact]
    public async Task RepeatedAuthor_FlagsTheSamePhoneWrittenTwoWays_NotAnotherAuthor()
    {
        var first = await SubmitAsync("author-1", phone: "+7 (912) 345-67-01");
        var repeat = await SubmitAsync("author-2", phone: "89123456701");
        var other = await SubmitAsync("author-3", phone: "+7 912 345-67-02");

        var flags = await FlagsAsync(QualityFlagKind.RepeatedAuthor);

        var flag = Assert.Single(flags, f => f.MessageId == repeat);
        Assert.Contains("тот же телефон", flag.Reason);
        Assert.Equal([first], flag.RelatedMessageIds);
        Assert.DoesNotContain(flags, f => f.MessageId == first || f.MessageId == other);
    }

    [Fact]
    public async Task RepeatedPlace_FlagsTheSameAddressAndPointsWithin50m_NotAFarPoint()
    {
        var byAddress1 = await SubmitAsync("place-1", address: "ул. Береговая, д. 3");
        var byAddress2 = await SubmitAsync("place-2", address: "улица Береговая, дом 3");
        var near1 = await SubmitAsync("place-3", latitude: 58.0000, longitude: 56.0000);
        var near2 = await SubmitAsync("place-4", latitude: 58.0002, longitude: 56.0001);
        var far = await SubmitAsync("place-5", address: "ул. Дальняя, 99", latitude: 58.0100, longitude: 56.0100);

        var flags = await FlagsAsync(QualityFlagKind.RepeatedPlace);

        Assert.Contains("тот же адрес", Assert.Single(flags, f => f.MessageId == byAddress2).Reason);
        Assert.Contains("50 м", Assert.Single(flags, f => f.MessageId == near2).Reason);
        Assert.DoesNotContain(flags, f => f.MessageId == byAddress1 || f.MessageId == near1 || f.MessageId == far);
    }

    [Fact]
    public async Task ReopenedRepeatedly_FlagsTwoReopenings_NotOne()
    {
        var twice = await AnsweredAsync("reopen-1", Substantive);
        var once = await AnsweredAsync("reopen-2", Substantive);
        await _messages.UpdateStatusAsync(new UpdateStatusRequest { Id = twice, Status = MessageStatus.Reopened, Comment = "житель не согласен" });
        await _messages.AnswerMessageAsync(new AnswerMessageRequest { Id = twice, Text = Substantive });
        await _messages.UpdateStatusAsync(new UpdateStatusRequest { Id = twice, Status = MessageStatus.Reopened, Comment = "снова не согласен" });
        await _messages.UpdateStatusAsync(new UpdateStatusRequest { Id = once, Status = MessageStatus.Reopened, Comment = "житель не согласен" });

        var flags = await FlagsAsync(QualityFlagKind.ReopenedRepeatedly);

        Assert.Contains("2 раз", Assert.Single(flags, f => f.MessageId == twice).Reason);
        Assert.DoesNotContain(flags, f => f.MessageId == once);
    }

    [Fact]
    public async Task ListQualityFlags_NamesTheBadField_AndNeedsTheReviewPermission()
    {
        var client = new QualityService.QualityServiceClient(fixture.Host.Channel);
        using var readerChannel = fixture.Host.ChannelFor(QualityHostFixture.ReaderKey);
        var reader = new QualityService.QualityServiceClient(readerChannel);

        var noPeriod = await Assert.ThrowsAsync<RpcException>(() => client.ListQualityFlagsAsync(new ListQualityFlagsRequest()).ResponseAsync);
        var badDate = await Assert.ThrowsAsync<RpcException>(() => client.ListQualityFlagsAsync(new ListQualityFlagsRequest { Period = new Period { From = "01.11.2026", To = "2026-11-30" } }).ResponseAsync);
        var denied = await Assert.ThrowsAsync<RpcException>(() => reader.ListQualityFlagsAsync(new ListQualityFlagsRequest { Period = new Period { From = "2026-11-01", To = "2026-11-30" } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, noPeriod.StatusCode);
        Assert.Contains("period", noPeriod.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, badDate.StatusCode);
        Assert.Contains("period.from", badDate.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }
}
