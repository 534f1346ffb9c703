using System.Globalization;
using System.Text;
using MCU.Hub.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.IncidentManagement.Tests.Import;

public sealed class IncidentManagementImporterTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    private static readonly object?[] Header = ["ID инцидента", "Соцсеть", "Ссылка на пост", "Автор", "Текст", "Тема", "Дата публикации", "Важный"];

    private static object?[] Row(int n, object? publishedAt = null) =>
    [
        "im-" + n.ToString(CultureInfo.InvariantCulture),
        (n % 3) switch { 0 => "ВКонтакте", 1 => "Одноклассники", _ => "Telegram" },
        $"https://vk.com/wall-100_{n}",
        "Петров Пётр",
        $"Во дворе дома {n} на улице Мира третью неделю не вывозят мусор.",
        "Вывоз ТКО",
        publishedAt ?? new DateTime(2026, 11, 20, 9, 0, 0).AddMinutes(n),
        n % 2 == 0 ? "Да" : "Нет",
    ];

    private static IEnumerable<object?[]> File(int rows, Func<int, object?[]>? row = null) =>
        new[] { Header }.Concat(Enumerable.Range(1, rows).Select(row ?? (n => Row(n))));

    private static async Task<ImportParseResult> ParseAsync(Stream file, string name, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["BaseAddress"] = "https://im.example.ru/" };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        await using var services = IncidentManagementTestHost.Build(settings);
        var importer = services.GetRequiredKeyedService<IChannelImporter>(IncidentManagementPlugin.Code);
        await using (file)
            return await importer.ParseAsync(file, name, None);
    }

    [Fact]
    public async Task ParseAsync_GoodXlsx_MapsEveryColumn()
    {
        var result = await ParseAsync(ExportFiles.Xlsx(File(3)), "incidents.xlsx", new Dictionary<string, string?>
        {
            ["CategoryMap:Вывоз ТКО"] = "Твердые коммунальные отходы",
            ["NetworkMap:telegram"] = "tg",
        });

        Assert.Empty(result.Errors);
        Assert.Equal(["im-1", "im-2", "im-3"], result.Items.Select(i => i.ExternalId));
        var item = result.Items[1];
        Assert.Equal(MessageKind.Incident, item.Kind);
        Assert.Equal("Во дворе дома 2 на улице Мира третью неделю не вывозят мусор.", item.Text);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 2, 0, Moscow), item.CreatedAt);
        Assert.Equal("Петров Пётр", item.Author?.Name);
        Assert.Equal("Твердые коммунальные отходы", item.SourceSubcategory);
        Assert.Equal("Вывоз ТКО", item.Metadata["topic"]);
        Assert.Equal("tg", item.Metadata["network"]);
        Assert.Equal("https://vk.com/wall-100_2", item.Metadata["post_url"]);
        Assert.Equal("true", item.Metadata["important"]);
        Assert.Equal(item.CreatedAt, DateTimeOffset.Parse(item.Metadata["published_at"], CultureInfo.InvariantCulture));
        Assert.Equal(["ok", "tg", "vk"], result.Items.Select(i => i.Metadata["network"]));
        Assert.Equal("false", result.Items[0].Metadata["important"]);
    }

    [Fact]
    public async Task ParseAsync_OptionalColumns_AddRubricDetectionAndStatus()
    {
        object?[] header = [.. Header, "Рубрика", "Дата обнаружения", "Статус"];
        var rows = new[] { header, Row(1).Concat(new object?[] { "ЖКХ", "20.11.2026 09:30", "Новый" }).ToArray() };

        var result = await ParseAsync(ExportFiles.Xlsx(rows), "incidents.xlsx");

        var item = Assert.Single(result.Items);
        Assert.Equal("ЖКХ", item.SourceCategory);
        Assert.Equal("Новый", item.Metadata["status"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 30, 0, Moscow), DateTimeOffset.Parse(item.Metadata["detected_at"], CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("incidents.xlsx")]
    [InlineData("incidents.csv")]
    public async Task ParseAsync_BadDateInRow4_ReportsRow4AndTheColumnAndKeepsTheOthers(string name)
    {
        var rows = File(5, n => n == 3 ? Row(n, "20.11.2026 25:99") : Row(n));
        var file = name.EndsWith(".xlsx", StringComparison.Ordinal) ? ExportFiles.Xlsx(rows) : ExportFiles.Csv(rows, Encoding.UTF8);

        var result = await ParseAsync(file, name);

        Assert.Equal(["im-1", "im-2", "im-4", "im-5"], result.Items.Select(i => i.ExternalId));
        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "Дата публикации"), (error.Row, error.Column));
    }

    [Fact]
    public async Task ParseAsync_BadCells_ReportEachRowWithItsColumn()
    {
        var rows = File(4).ToList();
        rows[1][2] = "vk.com/wall-100_1";   // row 2: not an absolute link
        rows[2][7] = "может быть";          // row 3: not yes/no
        rows[3][1] = "";                    // row 4: no network

        var result = await ParseAsync(ExportFiles.Xlsx(rows), "incidents.xlsx");

        Assert.Equal(["im-4"], result.Items.Select(i => i.ExternalId));
        Assert.Equal([(2, "Ссылка на пост"), (3, "Важный"), (4, "Соцсеть")], result.Errors.Select(e => (e.Row, e.Column)));
    }

    [Fact]
    public async Task ParseAsync_ReorderedColumnsAndUnknownOnes_InWindows1251Csv()
    {
        object?[] header = ["дата публикации", "Охват", "ТЕКСТ", "ссылка на пост", "Соцсеть", "Id инцидента"];
        var rows = new[] { header, new object?[] { "20.11.2026 09:00", "1500", "Нет света в подъезде", "https://ok.ru/group/1/topic/2", "OK", "im-77" } };

        var result = await ParseAsync(ExportFiles.Csv(rows, ExportFiles.Windows1251, ','), "incidents.csv");

        Assert.Empty(result.Errors);
        var item = Assert.Single(result.Items);
        Assert.Equal(("im-77", "Нет света в подъезде", "ok"), (item.ExternalId, item.Text, item.Metadata["network"]));
        Assert.Null(item.Author);
    }

    [Theory]
    [InlineData("incidents.xlsx")]
    [InlineData("incidents.csv")]
    public async Task ParseAsync_MissingRequiredColumn_ThrowsNamingIt(string name)
    {
        var rows = File(2).Select(r => r.Where((_, i) => i != 2).ToArray());
        var file = name.EndsWith(".xlsx", StringComparison.Ordinal) ? ExportFiles.Xlsx(rows) : ExportFiles.Csv(rows, Encoding.UTF8);

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(file, name));

        Assert.Contains("«Ссылка на пост»", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_GarbageNamedXlsx_ThrowsFormatError()
    {
        var garbage = Encoding.UTF8.GetBytes(new string('я', 3000));

        await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(new MemoryStream(garbage), "incidents.xlsx"));
    }

    [Theory]
    [InlineData("incidents.xlsx")]
    [InlineData("incidents.csv")]
    public async Task ParseAsync_EmptyFile_ThrowsFormatError(string name) =>
        await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(new MemoryStream(), name));

    [Fact]
    public async Task ParseAsync_PosExportGivenToIncidents_ThrowsNoHeader()
    {
        object?[][] rows = [["Номер сообщения", "Дата создания", "Текст сообщения"], ["1", "20.11.2026 10:15", "Яма"]];

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(ExportFiles.Xlsx(rows), "pos.xlsx"));

        Assert.Contains("«Инцидент Менеджмент»", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_ConfiguredHeaders_AreUsed()
    {
        object?[] header = ["ID инцидента", "Источник", "Ссылка", "Текст", "Дата публикации"];
        var rows = new[] { header, new object?[] { "im-1", "vk", "https://vk.com/wall-1_1", "Яма", new DateTime(2026, 11, 20, 9, 0, 0) } };

        var result = await ParseAsync(ExportFiles.Xlsx(rows), "incidents.xlsx", new Dictionary<string, string?>
        {
            ["Import:Columns:Network"] = "Соцсеть|Источник",
            ["Import:Columns:PostUrl"] = "Ссылка",
        });

        Assert.Equal("https://vk.com/wall-1_1", Assert.Single(result.Items).Metadata["post_url"]);
    }

    [Fact]
    public void ConfigureServices_UnknownImportColumn_ThrowsNamingTheKey()
    {
        var settings = new Dictionary<string, string?> { ["BaseAddress"] = "https://im.example.ru/", ["Import:Columns:Likes"] = "Лайки" };

        var error = Assert.Throws<OptionsValidationException>(() => IncidentManagementTestHost.Build(settings));

        Assert.Contains("Import:Columns:Likes is not a known column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_Xlsx20000Rows_ReadsThemAll()
    {
        var result = await ParseAsync(ExportFiles.Xlsx(File(20_000)), "big.xlsx");

        Assert.Empty(result.Errors);
        Assert.Equal(20_000, result.Items.Count);
    }
}
