namespace MCU.Hub.Dashboard.Tests;

/// <summary>People signing in with their account keys: the name, roles and «и. о.» shown, and controls hidden by the roles' permissions.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardPeopleTests(DashboardFixture fixture)
{
    private DashboardHost Host => fixture.Host;

    private async Task<string> PersonAsync(string login, string fullName, string role, string? recipient = null)
    {
        await Host.PostAsync("/v1/accounts", new { login, fullName, position = "главный специалист", roles = new[] { role }, recipients = recipient is null ? Array.Empty<string>() : [recipient] });
        return (await Host.PostAsync($"/v1/accounts/{login}/keys", new { })).GetProperty("key").GetString()!;
    }

    [Fact]
    public async Task Executor_SeesNoAnswerNorAccountControls_DeputyOfTheHeadSeesIoAndManagesAccounts()
    {
        var executorKey = await PersonAsync("dash-exec", "Сидорова Анна Петровна", "executor", "roads-dept");
        await PersonAsync("dash-head", "Иванов Пётр Сергеевич", "head");
        var deputyKey = await PersonAsync("dash-deputy", "Петрова Ольга Ивановна", "mcu-specialist");
        var now = TimeProvider.System.GetUtcNow();
        await Host.PostAsync("/v1/accounts/dash-head/absences", new { from = now.AddHours(-1), to = now.AddDays(1), deputy = "dash-deputy", reason = "отпуск" });

        var executor = await fixture.SignInAsync(executorKey);
        Assert.Equal("Сидорова Анна Петровна", await executor.TextContentAsync("#session-name"));
        Assert.Equal("Исполнитель ответственного получателя", await executor.TextContentAsync("#session-roles [data-role='executor']"));
        Assert.True(await executor.Locator("#session-acting").IsHiddenAsync());
        await DashboardFixture.GoAsync(executor, "#/messages/" + fixture.Ids["d-3"]);
        Assert.Equal(0, await executor.Locator("[data-testid='answer-form']").CountAsync());
        await DashboardFixture.GoAsync(executor, "#/reports");
        Assert.Equal(0, await executor.GetByText("Сформировать отчёт").CountAsync());
        await DashboardFixture.GoAsync(executor, "#/people");
        Assert.True(await executor.Locator("[data-testid='people-table'] tr[data-login='dash-head']").IsVisibleAsync());
        Assert.Contains("Петрова Ольга Ивановна", await executor.TextContentAsync("tr[data-login='dash-head'] [data-testid='absence']"), StringComparison.Ordinal);
        Assert.Equal(0, await executor.Locator("[data-testid='account-form']").CountAsync());
        Assert.Equal(0, await executor.Locator("[data-action='deactivate']").CountAsync());
        await DashboardFixture.ScreenshotAsync(executor, "people-executor");
        await executor.Context.CloseAsync();

        var deputy = await fixture.SignInAsync(deputyKey);
        Assert.Equal("и. о. Иванов Пётр Сергеевич", await deputy.TextContentAsync("#session-acting"));
        Assert.True(await deputy.Locator("#session-roles [data-role='head']").IsVisibleAsync());
        await DashboardFixture.GoAsync(deputy, "#/messages/" + fixture.Ids["d-3"]);
        Assert.Equal(1, await deputy.Locator("[data-testid='answer-form']").CountAsync());
        await DashboardFixture.GoAsync(deputy, "#/people");
        Assert.Equal(1, await deputy.Locator("[data-testid='account-form']").CountAsync());
        await DashboardFixture.ScreenshotAsync(deputy, "people-deputy");
        await deputy.Context.CloseAsync();
    }
}
