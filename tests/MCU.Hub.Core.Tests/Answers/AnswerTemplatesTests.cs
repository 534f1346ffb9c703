using MCU.Hub.Answers;
using MCU.Hub.Intake;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Answers;

public sealed class AnswerTemplatesTests
{
    [Fact]
    public void Placeholders_FindsEachNameOnceInOrder()
    {
        Assert.Equal(["адрес", "срок", "исполнитель"], AnswerTemplates.Placeholders("По адресу {адрес} до {Срок} работы выполнит {исполнитель}; срок — {срок}. {}"));
    }

    [Fact]
    public async Task Render_FillsFromTheMessageAndTheCallerAndListsWhatIsMissing()
    {
        await using var hub = new TestHub();
        var templates = hub.Get<AnswerTemplates>();
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("", "api", TestHub.Item("t-1"), "test", CancellationToken.None)).MessageId!;
        var message = (await hub.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None))!;
        var template = await templates.CreateAsync("", new AnswerTemplate
        {
            Name = "Яма будет заделана",
            Category = "road-repair",
            Text = "По сообщению № {номер}: яма по адресу {адрес} будет заделана до {срок}. Работы выполнит {подрядчик}. {получатель}. Телефон: {телефон}",
        }, "editor", CancellationToken.None);

        var rendered = templates.Render(template, message, new Dictionary<string, string> { ["Подрядчик"] = "МУП «Дорсервис»" });

        Assert.Equal("roads", template.Block);
        Assert.Contains("№ t-1", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("по адресу ул. Ленина, 5", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("выполнит МУП «Дорсервис»", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("Управление дорожного хозяйства", rendered.Text, StringComparison.Ordinal);
        Assert.Matches(@"до \d\d\.\d\d\.\d{4}\.", rendered.Text);
        Assert.Equal(["телефон"], rendered.Missing);
        Assert.EndsWith("Телефон: {телефон}", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ForATopic_GivesItsOwnThenTheBlocksThenGeneralOnes()
    {
        await using var hub = new TestHub();
        var templates = hub.Get<AnswerTemplates>();
        await templates.CreateAsync("", new AnswerTemplate { Name = "Общий", Text = "Спасибо за обращение." }, "editor", CancellationToken.None);
        await templates.CreateAsync("", new AnswerTemplate { Name = "Дороги", Block = "roads", Text = "Дорога отремонтирована." }, "editor", CancellationToken.None);
        await templates.CreateAsync("", new AnswerTemplate { Name = "Ямы", Category = "road-repair", Text = "Яма заделана." }, "editor", CancellationToken.None);
        await templates.CreateAsync("", new AnswerTemplate { Name = "Снег", Category = "snow-removal", Text = "Снег убран." }, "editor", CancellationToken.None);
        await templates.CreateAsync("99999000", new AnswerTemplate { Name = "Чужой", Text = "Другое муниципальное образование." }, "editor", CancellationToken.None);

        var forPotholes = await templates.ListAsync("", "road-repair", CancellationToken.None);
        var all = await templates.ListAsync("", null, CancellationToken.None);

        Assert.Equal(["Ямы", "Дороги", "Общий"], forPotholes.Select(t => t.Name));
        Assert.Equal(4, all.Count);
        Assert.Equal(4, (await templates.TextsAsync([""], CancellationToken.None)).Count);
        Assert.Equal(["Другое муниципальное образование."], await templates.TextsAsync(["99999000"], CancellationToken.None));
        Assert.Equal(5, (await templates.TextsAsync(null, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Update_OnAnOlderVersion_IsStale()
    {
        await using var hub = new TestHub();
        var templates = hub.Get<AnswerTemplates>();
        var created = await templates.CreateAsync("", new AnswerTemplate { Name = "Ямы", Category = "road-repair", Text = "Яма заделана." }, "editor", CancellationToken.None);
        await templates.UpdateAsync("", created.Id, created.Version, new AnswerTemplate { Name = "Ямы", Category = "road-repair", Text = "Яма заделана {дата}." }, "editor", CancellationToken.None);

        var error = await Assert.ThrowsAsync<AnswerConflictException>(() =>
            templates.UpdateAsync("", created.Id, created.Version, new AnswerTemplate { Name = "Ямы", Text = "Другое." }, "editor", CancellationToken.None));

        Assert.True(error.Stale);
        Assert.Equal("Яма заделана {дата}.", (await templates.GetAsync("", created.Id, CancellationToken.None))!.Text);
    }

    [Theory]
    [InlineData("", "road-repair", "Текст", "name")]
    [InlineData("Имя", "no-such-topic", "Текст", "category")]
    [InlineData("Имя", "road-repair", " ", "text")]
    public async Task Create_InvalidField_NamesIt(string name, string category, string text, string field)
    {
        await using var hub = new TestHub();

        var error = await Assert.ThrowsAsync<HubValidationException>(() =>
            hub.Get<AnswerTemplates>().CreateAsync("", new AnswerTemplate { Name = name, Category = category, Text = text }, "editor", CancellationToken.None));

        Assert.Equal(field, error.Field);
    }
}
