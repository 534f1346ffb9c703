using System.Net;
using System.Text.RegularExpressions;
using MCU.Hub.Emulators.Pos;
using MCU.Hub.Grpc.V1;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Host.Tests.Quality;

/// <summary>
/// Issue 9: the satisfaction survey end to end — a closed ПОС message gets a personal link through the channel, the
/// anonymous page takes one answer, refuses a second and an expired one, and «Не решено» reopens the message.
/// </summary>
public sealed partial class SurveyPageTests
{
    private static Dictionary<string, string?> Settings(PosEmulator emulator, bool reopen = true) => new()
    {
        ["McuHub:Host:PluginsPath"] = "plugins",
        ["McuHub:Host:Outbox:PollInterval"] = "00:00:00.100",
        ["McuHub:Channels:pos:Enabled"] = "true",
        ["McuHub:Channels:pos:PollInterval"] = "00:10:00",
        ["McuHub:Channels:pos:Settings:BaseAddress"] = emulator.BaseAddress.AbsoluteUri,
        ["McuHub:Satisfaction:Enabled"] = "true",
        ["McuHub:Satisfaction:Delay"] = "00:00:00",
        ["McuHub:Satisfaction:ScanInterval"] = "00:00:00.200",
        ["McuHub:Satisfaction:ValidFor"] = "1.00:00:00",
        ["McuHub:Satisfaction:PublicBaseUrl"] = "https://mcu.example.ru/",
        ["McuHub:Satisfaction:ReopenOnUnsolved"] = reopen ? "true" : "false",
    };

    private static async Task<(TestHost Host, PosEmulator Emulator, ShiftedClock Clock)> StartAsync(bool reopen = true)
    {
        var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 3, Seed = 9 });
        var clock = new ShiftedClock();
        var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), Settings(emulator, reopen), b => b.Services.AddSingleton<TimeProvider>(clock));
        await host.WaitForMessagesAsync(3, TimeSpan.FromSeconds(30));
        return (host, emulator, clock);
    }

    /// <summary>Answers and closes a ПОС message through the API, then waits for the survey link to reach ПОС.</summary>
    private static async Task<(string Id, string Token)> CloseAndReceiveLinkAsync(TestHost host, PosEmulator emulator, int index)
    {
        var external = emulator.Messages[index].Id;
        var id = (await host.Store.FindBySourceAsync("pos", external, CancellationToken.None))!.Id;
        var messages = new MessageService.MessageServiceClient(host.Channel);
        await messages.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Яма у дома 5 по ул. Ленина заделана 20.11.2026, фото приложено." });
        await messages.UpdateStatusAsync(new UpdateStatusRequest { Id = id, Status = MessageStatus.Closed, Comment = "решено" });

        var deadline = Environment.TickCount64 + 30_000;
        while (Environment.TickCount64 < deadline)
        {
            var link = emulator.Answers.Where(a => a.MessageId == external).Select(a => Link().Match(a.Text ?? "")).FirstOrDefault(m => m.Success);
            if (link is not null)
                return (id, link.Groups[1].Value);
            await Task.Delay(100);
        }

        throw new TimeoutException($"ссылка на опрос по сообщению {id} не пришла в ПОС");
    }

    private static FormUrlEncodedContent Answer(string answer, string? comment = null) =>
        new(new Dictionary<string, string> { ["answer"] = answer, ["comment"] = comment ?? "" });

    [Fact]
    public async Task SurveyLink_RecordsOneAnswer_RefusesTheSecond()
    {
        var (host, emulator, _) = await StartAsync();
        await using var _h = host;
        await using var _e = emulator;
        var (id, token) = await CloseAndReceiveLinkAsync(host, emulator, 0);
        using var anonymous = host.HttpFor(null);

        using var page = await anonymous.GetAsync($"/survey/{token}");
        var html = await page.Content.ReadAsStringAsync();
        using var first = await anonymous.PostAsync($"/survey/{token}", Answer("solved", "Спасибо"));
        using var second = await anonymous.PostAsync($"/survey/{token}", Answer("not_solved"));
        using var again = await anonymous.GetAsync($"/survey/{token}");
        var survey = await new SatisfactionService.SatisfactionServiceClient(host.Channel).GetSurveyAsync(new GetSurveyRequest { MessageId = id });
        var message = (await new MessageService.MessageServiceClient(host.Channel).GetMessageAsync(new GetMessageRequest { Id = id })).Message;

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Решено частично", html);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Ленина", html);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("уже записан", await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("solved", survey.Answer);
        Assert.Equal("Спасибо", survey.Comment);
        Assert.Equal("outbox", survey.Delivery);
        Assert.Equal(MessageStatus.Closed, message.Status);
    }

    [Fact]
    public async Task ExpiredLink_IsRefusedWith410_AndRecordsNothing()
    {
        var (host, emulator, clock) = await StartAsync();
        await using var _h = host;
        await using var _e = emulator;
        var (id, token) = await CloseAndReceiveLinkAsync(host, emulator, 1);
        using var anonymous = host.HttpFor(null);

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        using var page = await anonymous.GetAsync($"/survey/{token}");
        using var post = await anonymous.PostAsync($"/survey/{token}", Answer("solved"));
        var survey = await new SatisfactionService.SatisfactionServiceClient(host.Channel).GetSurveyAsync(new GetSurveyRequest { MessageId = id });

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Contains("истёк", await post.Content.ReadAsStringAsync());
        Assert.Equal("", survey.Answer);
    }

    [Fact]
    public async Task UnknownToken_Is404_AndTheApiStaysClosedToAnonymousCallers()
    {
        var (host, emulator, _) = await StartAsync();
        await using var _h = host;
        await using var _e = emulator;
        using var anonymous = host.HttpFor(null);

        using var wellFormed = await anonymous.GetAsync("/survey/" + new string('A', 43));
        using var malformed = await anonymous.PostAsync("/survey/not-a-token", Answer("solved"));
        using var api = await anonymous.GetAsync("/v1/surveys");

        Assert.Equal(HttpStatusCode.NotFound, wellFormed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task NotSolved_ReopensTheMessage_AndFlagsItForReview()
    {
        var (host, emulator, _) = await StartAsync();
        await using var _h = host;
        await using var _e = emulator;
        var (unsolved, token) = await CloseAndReceiveLinkAsync(host, emulator, 0);
        var (solved, solvedToken) = await CloseAndReceiveLinkAsync(host, emulator, 1);
        using var anonymous = host.HttpFor(null);

        using var post = await anonymous.PostAsync($"/survey/{token}", Answer("not_solved", "Яму так и не заделали"));
        using var ok = await anonymous.PostAsync($"/survey/{solvedToken}", Answer("solved"));
        var messages = new MessageService.MessageServiceClient(host.Channel);
        var reopened = (await messages.GetMessageAsync(new GetMessageRequest { Id = unsolved })).Message;
        var kept = (await messages.GetMessageAsync(new GetMessageRequest { Id = solved })).Message;
        var flags = await QualityFlagsOfTodayAsync(host, QualityFlagKind.LowSatisfaction);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(MessageStatus.Reopened, reopened.Status);
        Assert.Equal(MessageStatus.Closed, kept.Status);
        var flag = Assert.Single(flags, f => f.MessageId == unsolved);
        Assert.Contains("Не решено", flag.Reason);
        Assert.Contains("Яму так и не заделали", flag.Reason);
        Assert.DoesNotContain(flags, f => f.MessageId == solved);
    }

    [Fact]
    public async Task NotSolved_WithReopenOff_KeepsTheMessageClosed()
    {
        var (host, emulator, _) = await StartAsync(reopen: false);
        await using var _h = host;
        await using var _e = emulator;
        var (id, token) = await CloseAndReceiveLinkAsync(host, emulator, 2);
        using var anonymous = host.HttpFor(null);

        using var post = await anonymous.PostAsync($"/survey/{token}", Answer("not_solved"));
        var message = (await new MessageService.MessageServiceClient(host.Channel).GetMessageAsync(new GetMessageRequest { Id = id })).Message;
        var flags = await QualityFlagsOfTodayAsync(host, QualityFlagKind.LowSatisfaction);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(MessageStatus.Closed, message.Status);
        Assert.Contains(flags, f => f.MessageId == id);
    }

    [Fact]
    public async Task ChannelWithoutReplies_RecordsTheSurveyAsHavingNoDeliveryChannel()
    {
        var (host, emulator, _) = await StartAsync();
        await using var _h = host;
        await using var _e = emulator;
        var messages = new MessageService.MessageServiceClient(host.Channel);
        var id = (await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "no-reply-1", Text = "Яма на дороге" })).Id;
        await messages.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Яма заделана 20.11.2026." });
        await messages.UpdateStatusAsync(new UpdateStatusRequest { Id = id, Status = MessageStatus.Closed });

        var surveys = new SatisfactionService.SatisfactionServiceClient(host.Channel);
        Survey? survey = null;
        var deadline = Environment.TickCount64 + 30_000;
        while (survey is null && Environment.TickCount64 < deadline)
        {
            survey = (await surveys.ListSurveysAsync(new ListSurveysRequest())).Surveys.FirstOrDefault(s => s.MessageId == id);
            await Task.Delay(100);
        }

        Assert.NotNull(survey);
        Assert.Equal("no_channel", survey.Delivery);
        var history = await messages.GetMessageHistoryAsync(new GetMessageHistoryRequest { Id = id });
        Assert.Contains(history.Entries, e => e.Action == "survey_sent" && e.Comment.Contains("нет канала доставки", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChannelRating_IsTakenInsteadOfASurvey()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 0 });
        emulator.Add(new PosMessage { Id = "rated-1", CreatedAt = TimeProvider.System.GetUtcNow().AddDays(-3), Text = "Не горит фонарь у подъезда", Rating = 2 });
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), Settings(emulator));
        await host.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30));
        var id = (await host.Store.FindBySourceAsync("pos", "rated-1", CancellationToken.None))!.Id;
        var messages = new MessageService.MessageServiceClient(host.Channel);
        await messages.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Фонарь у подъезда дома 3 заменён 20.11.2026." });
        await messages.UpdateStatusAsync(new UpdateStatusRequest { Id = id, Status = MessageStatus.Closed });

        GetMessageHistoryResponse history;
        var deadline = Environment.TickCount64 + 30_000;
        do
        {
            await Task.Delay(100);
            history = await messages.GetMessageHistoryAsync(new GetMessageHistoryRequest { Id = id });
        }
        while (!history.Entries.Any(e => e.Action == "satisfaction") && Environment.TickCount64 < deadline);
        await Task.Delay(600);
        var survey = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() => new SatisfactionService.SatisfactionServiceClient(host.Channel).GetSurveyAsync(new GetSurveyRequest { MessageId = id }).ResponseAsync);

        Assert.Contains(history.Entries, e => e.Action == "satisfaction" && e.Comment.Contains("из канала", StringComparison.Ordinal));
        Assert.Equal(global::Grpc.Core.StatusCode.NotFound, survey.StatusCode);
        Assert.DoesNotContain(emulator.Answers, a => Link().IsMatch(a.Text ?? ""));
    }

    internal static async Task<IReadOnlyList<QualityFlag>> QualityFlagsOfTodayAsync(TestHost host, params QualityFlagKind[] kinds)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var request = new ListQualityFlagsRequest { Period = new Period { From = today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), To = today.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) } };
        request.Kinds.AddRange(kinds);
        return (await new QualityService.QualityServiceClient(host.Channel).ListQualityFlagsAsync(request)).Flags;
    }

    [GeneratedRegex(@"https://mcu\.example\.ru/survey/([A-Za-z0-9_-]{43})")]
    private static partial Regex Link();
}
