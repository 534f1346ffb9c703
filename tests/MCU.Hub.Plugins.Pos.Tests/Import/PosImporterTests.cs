using System.Text;
using MCU.Hub.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.Pos.Tests.Import;

public sealed class PosImporterTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    private static readonly object?[] Header =
        ["Номер сообщения", "Дата создания", "Категория", "Подкатегория", "Текст сообщения", "Заявитель", "Телефон", "E-mail", "Адрес", "Широта", "Долгота", "Срок ответа", "Статус"];

    private static object?[] Row(int n, object? createdAt = null) =>
    [
        (1000000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture),
        createdAt ?? new DateTime(2026, 11, 20, 10, 15, 0).AddMinutes(n),
        "Дороги",
        "Ямы на дороге",
        $"Яма на улице Ленина у дома {n}. Прошу принять меры.",
        "Иванова Мария Сергеевна",
        "+79161234567",
        "maria@example.com",
        $"г. Новоречинск, ул. Ленина, д. {n}",
        57.399306,
        45.624107,
        new DateTime(2026, 11, 30, 18, 0, 0),
        "Зарегистрировано",
    ];

    private static IEnumerable<object?[]> File(int rows, Func<int, object?[]>? row = null) =>
        new[] { Header }.Concat(Enumerable.Range(1, rows).Select(row ?? (n => Row(n))));

    private static (ServiceProvider Services, IChannelImporter Importer) Importer(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["BaseAddress"] = "https://pos.example.ru/" };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        var services = PosTestHost.Build(settings);
        return (services, services.GetRequiredKeyedService<IChannelImporter>(PosPlugin.Code));
    }

    private static async Task<ImportParseResult> ParseAsync(Stream file, string name, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var (services, importer) = Importer(extra);
        await using (services)
        await using (file)
            return await importer.ParseAsync(file, name, None);
    }

    [Fact]
    public void Importer_RegisteredForTheChannel_ReadsXlsxAndCsv()
    {
        var (services, importer) = Importer();
        using (services)
        {
            Assert.IsType<PosImporter>(importer);
            Assert.Equal([".xlsx", ".csv"], importer.Extensions);
            Assert.True(new PosPlugin().Descriptor.Capabilities.HasFlag(ChannelCapabilities.FileImport));
        }
    }

    [Fact]
    public async Task ParseAsync_GoodXlsx_MapsEveryColumn()
    {
        var result = await ParseAsync(ExportFiles.Xlsx(File(3)), "Выгрузка ПОС.xlsx", new Dictionary<string, string?> { ["CategoryMap:Дороги"] = "Дорожное хозяйство" });

        Assert.Empty(result.Errors);
        Assert.Equal(["1000001", "1000002", "1000003"], result.Items.Select(i => i.ExternalId));
        var item = result.Items[0];
        Assert.Equal(MessageKind.Message, item.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 16, 0, Moscow), item.CreatedAt);
        Assert.Equal(Moscow, item.CreatedAt.Offset);
        Assert.Equal("Яма на улице Ленина у дома 1. Прошу принять меры.", item.Text);
        Assert.Equal(new AuthorInfo { Name = "Иванова Мария Сергеевна", Phone = "+79161234567", Email = "maria@example.com" }, item.Author);
        Assert.Equal("г. Новоречинск, ул. Ленина, д. 1", item.Address);
        Assert.Equal((57.399306, 45.624107), (item.Latitude!.Value, item.Longitude!.Value));
        Assert.Equal("Дорожное хозяйство", item.SourceCategory);
        Assert.Equal("Ямы на дороге", item.SourceSubcategory);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 18, 0, 0, Moscow), item.DueAt);
        Assert.Equal("Дороги", item.Metadata["category"]);
        Assert.Equal("Зарегистрировано", item.Metadata["status"]);
    }

    [Fact]
    public async Task ParseAsync_XlsxWrittenLikeExcel_ReadsCustomDateFormatsSharedStringsAndNumericIds()
    {
        var rows = new List<object?[]>
        {
            new object?[] { "Выгрузка сообщений за ноябрь 2026 года" },
            new object?[] { null },
            Header,
            new object?[] { 1000001.0, new DateTime(2026, 11, 20, 10, 15, 0), null, null, "Не горит фонарь", null, 79161234567.0, null, null, null, null, null, null },
        };

        var result = await ParseAsync(ExportFiles.XlsxWithOpenXml(rows, firstRow: 2), "export.xlsx");

        Assert.Empty(result.Errors);
        var item = Assert.Single(result.Items);
        Assert.Equal("1000001", item.ExternalId);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 15, 0, Moscow), item.CreatedAt);
        Assert.Equal("79161234567", item.Author?.Phone);
        Assert.Null(item.SourceCategory);
        Assert.Null(item.Latitude);
    }

    [Fact]
    public async Task ParseAsync_XlsxWithABadDateInRow4_ReportsRow4AndTheColumnAndKeepsTheOthers()
    {
        var file = ExportFiles.Xlsx(File(4, n => n == 3 ? Row(n, "32.13.2026 10:15") : Row(n)));

        var result = await ParseAsync(file, "export.xlsx");

        Assert.Equal(["1000001", "1000002", "1000004"], result.Items.Select(i => i.ExternalId));
        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Row);
        Assert.Equal("Дата создания", error.Column);
        Assert.Contains("32.13.2026 10:15", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_CsvWithABadDateInRow4_ReportsRow4AndTheColumnAndKeepsTheOthers()
    {
        var file = ExportFiles.Csv(File(4, n => n == 3 ? Row(n, "вчера") : Row(n)), Encoding.UTF8);

        var result = await ParseAsync(file, "export.csv");

        Assert.Equal(3, result.Items.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "Дата создания"), (error.Row, error.Column));
    }

    [Theory]
    [InlineData("utf-8", ';', false)]
    [InlineData("utf-8", ',', true)]
    [InlineData("windows-1251", ';', false)]
    [InlineData("windows-1251", ',', false)]
    [InlineData("utf-16", '\t', true)]
    public async Task ParseAsync_CsvInEachEncodingAndSeparator_ReadsTheSameItems(string encodingName, char separator, bool byteOrderMark)
    {
        var encoding = encodingName == "windows-1251" ? ExportFiles.Windows1251 : Encoding.GetEncoding(encodingName);
        var file = ExportFiles.Csv(File(3), encoding, separator, byteOrderMark);

        var result = await ParseAsync(file, "export.csv");

        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Items.Count);
        var item = result.Items[0];
        Assert.Equal("Яма на улице Ленина у дома 1. Прошу принять меры.", item.Text);
        Assert.Equal("Иванова Мария Сергеевна", item.Author?.Name);
        Assert.Equal("г. Новоречинск, ул. Ленина, д. 1", item.Address);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 16, 0, Moscow), item.CreatedAt);
        Assert.Equal(57.399306, item.Latitude);
    }

    [Fact]
    public async Task ParseAsync_CsvWithQuotedSeparatorsLineBreaksAndDecimalCommas_ReadsThem()
    {
        const string Text = """"
            "Номер сообщения";"Дата создания";"Текст сообщения";"Широта";"Долгота"
            1;20.11.2026 10:15;"Яма; большая
            и глубокая, ""опасная""";57,399306;45,624107
            2;2026-11-20T11:00:00+05:00;Фонарь;;
            """";

        var result = await ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(Text)), "export.csv");

        Assert.Empty(result.Errors);
        Assert.Equal("Яма; большая\nи глубокая, \"опасная\"", result.Items[0].Text.ReplaceLineEndings("\n"));
        Assert.Equal((57.399306, 45.624107), (result.Items[0].Latitude!.Value, result.Items[0].Longitude!.Value));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.FromHours(5)), result.Items[1].CreatedAt);
        Assert.Null(result.Items[1].Latitude);
    }

    [Fact]
    public async Task ParseAsync_ReorderedColumnsOtherCaseAndUnknownColumns_AreMatchedByHeader()
    {
        object?[] header = ["ТЕКСТ СООБЩЕНИЯ", "Лишний столбец", "дата  создания", "номер сообщения", "Долгота", "Широта"];
        var rows = new[] { header, new object?[] { "Не горит фонарь", "что-то", new DateTime(2026, 11, 20, 10, 15, 0), "42", 45.6, 57.4 } };

        var xlsx = await ParseAsync(ExportFiles.Xlsx(rows), "export.xlsx");
        var csv = await ParseAsync(ExportFiles.Csv(rows, Encoding.UTF8), "export.csv");

        foreach (var result in new[] { xlsx, csv })
        {
            Assert.Empty(result.Errors);
            var item = Assert.Single(result.Items);
            Assert.Equal(("42", "Не горит фонарь"), (item.ExternalId, item.Text));
            Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 15, 0, Moscow), item.CreatedAt);
            Assert.Equal((57.4, 45.6), (item.Latitude!.Value, item.Longitude!.Value));
        }
    }

    [Theory]
    [InlineData("export.xlsx")]
    [InlineData("export.csv")]
    public async Task ParseAsync_MissingRequiredColumn_ThrowsNamingIt(string name)
    {
        var rows = File(2).Select(r => r.Where((_, i) => i != 1).ToArray());
        var file = name.EndsWith(".xlsx", StringComparison.Ordinal) ? ExportFiles.Xlsx(rows) : ExportFiles.Csv(rows, Encoding.UTF8);

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(file, name));

        Assert.Contains("«Дата создания»", error.Message, StringComparison.Ordinal);
        Assert.Contains("нет обязательных столбцов", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("export.xlsx")]
    [InlineData("export.csv")]
    public async Task ParseAsync_NoRecognisableHeader_Throws(string name)
    {
        object?[][] rows = [["Дата", "Описание"], ["20.11.2026", "Что-то"]];
        var file = name.EndsWith(".xlsx", StringComparison.Ordinal) ? ExportFiles.Xlsx(rows) : ExportFiles.Csv(rows, Encoding.UTF8);

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(file, name));

        Assert.Contains("не найдена строка заголовков", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_GarbageBytesNamedXlsx_ThrowsFormatError()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(new MemoryStream(garbage), "export.xlsx"));

        Assert.Contains("не является книгой Excel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_TruncatedWorkbook_ThrowsFormatError()
    {
        var whole = ExportFiles.Xlsx(File(50)).ToArray();

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(new MemoryStream(whole[..(whole.Length / 2)]), "export.xlsx"));

        Assert.Contains("повреждена", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_CsvRenamedToXlsx_ThrowsFormatError()
    {
        var csv = ExportFiles.Csv(File(2), Encoding.UTF8);

        await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(csv, "export.xlsx"));
    }

    [Fact]
    public async Task ParseAsync_WorkbookRenamedToCsv_ThrowsFormatError()
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(ExportFiles.Xlsx(File(2)), "export.csv"));

        Assert.Contains("книга Excel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_LegacyXlsWorkbook_ThrowsAskingForXlsx()
    {
        byte[] legacy = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(new MemoryStream(legacy), "export.xlsx"));

        Assert.Contains(".xls", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("export.xlsx")]
    [InlineData("export.csv")]
    public async Task ParseAsync_EmptyFile_ThrowsFormatError(string name)
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(new MemoryStream(), name));

        Assert.Contains("пуст", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_CsvOfBlankLines_ThrowsFormatError()
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(new MemoryStream("\r\n;;\r\n"u8.ToArray()), "export.csv"));

        Assert.Contains("пуст", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("export.xls")]
    [InlineData("export.txt")]
    [InlineData("export")]
    public async Task ParseAsync_OtherExtension_ThrowsFormatError(string name)
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ParseAsync(ExportFiles.Xlsx(File(1)), name));

        Assert.Contains(".xlsx или .csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_HeaderOnly_ReturnsNothingAndNoErrors()
    {
        var result = await ParseAsync(ExportFiles.Xlsx([Header]), "export.xlsx");

        Assert.Empty(result.Items);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public async Task ParseAsync_BadCells_ReportEachRowWithItsColumnAndKeepTheRest()
    {
        var rows = new List<object?[]> { Header };
        rows.AddRange(Enumerable.Range(1, 8).Select(n => Row(n)));
        rows[2][0] = null;                 // row 3: no id
        rows[3][4] = "   ";                // row 4: no text
        rows[4][9] = "север";              // row 5: latitude not a number
        rows[5][10] = null;                // row 6: latitude without longitude
        rows[6][9] = 123.0;                // row 7: latitude out of range
        rows[7][0] = rows[1][0];           // row 8: the id of row 2 again
        rows[8][11] = "до пятницы";        // row 9: bad deadline

        var result = await ParseAsync(ExportFiles.Xlsx(rows), "export.xlsx");

        Assert.Equal(["1000001"], result.Items.Select(i => i.ExternalId));
        Assert.Equal(
            [(3, "Номер сообщения"), (4, "Текст сообщения"), (5, "Широта"), (6, "Долгота"), (7, "Широта"), (8, "Номер сообщения"), (9, "Срок ответа")],
            result.Errors.Select(e => (e.Row, e.Column)));
        Assert.Contains("строке 2", result.Errors[5].Message, StringComparison.Ordinal);
        Assert.All(result.Errors, e => Assert.Matches("[а-я]", e.Message));
    }

    [Fact]
    public async Task ParseAsync_CsvWithAnUnclosedQuote_ReportsTheRow()
    {
        const string Text = "Номер сообщения;Дата создания;Текст сообщения\r\n1;20.11.2026 10:15;Яма\r\n2;20.11.2026 10:16;\"Фонарь\r\n3;20.11.2026 10:17;Мусор\r\n";

        var result = await ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(Text)), "export.csv");

        Assert.Equal(["1"], result.Items.Select(i => i.ExternalId));
        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Row);
        Assert.Contains("кавычка", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("20.11.2026 10:15", 10, 15, 3)]
    [InlineData("20.11.2026", 0, 0, 3)]
    [InlineData("2026-11-20T10:15:00", 10, 15, 3)]
    [InlineData("2026-11-20T10:15:00+07:00", 10, 15, 7)]
    [InlineData("2026-11-20T07:15:00Z", 7, 15, 0)]
    [InlineData("20.11.2026 10:15:30", 10, 15, 3)]
    public async Task ParseAsync_DateAsText_AcceptsRussianAndIsoForms(string text, int hour, int minute, int offsetHours)
    {
        var result = await ParseAsync(ExportFiles.Xlsx(File(1, n => Row(n, text))), "export.xlsx");

        var item = Assert.Single(result.Items);
        Assert.Equal((2026, 11, 20, hour, minute), (item.CreatedAt.Year, item.CreatedAt.Month, item.CreatedAt.Day, item.CreatedAt.Hour, item.CreatedAt.Minute));
        Assert.Equal(TimeSpan.FromHours(offsetHours), item.CreatedAt.Offset);
    }

    [Fact]
    public async Task ParseAsync_ConfiguredHeadersAndOffset_AreUsed()
    {
        object?[] header = ["№", "Дата регистрации", "Текст сообщения"];
        var rows = new[] { header, new object?[] { "7", new DateTime(2026, 11, 20, 10, 15, 0), "Яма" } };

        var result = await ParseAsync(ExportFiles.Xlsx(rows), "export.xlsx", new Dictionary<string, string?>
        {
            ["Import:Columns:Id"] = "Номер сообщения|№",
            ["Import:Columns:createdat"] = "Дата регистрации",
            ["Import:UtcOffset"] = "07:00",
        });

        var item = Assert.Single(result.Items);
        Assert.Equal("7", item.ExternalId);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 15, 0, TimeSpan.FromHours(7)), item.CreatedAt);
    }

    [Theory]
    [InlineData("Import:Columns:Номер", "Номер", "Import:Columns:Номер is not a known column")]
    [InlineData("Import:Columns:Text", "", "Import:Columns:Text must name the column's header")]
    [InlineData("Import:Columns:Text", "Дата создания", "the header 'Дата создания' is given to both")]
    [InlineData("Import:UtcOffset", "15:00", "Import:UtcOffset must be whole minutes within")]
    public void ConfigureServices_BadImportSetting_ThrowsNamingTheKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["BaseAddress"] = "https://pos.example.ru/", [key] = value };

        var error = Assert.Throws<OptionsValidationException>(() => PosTestHost.Build(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_StreamThatCannotSeek_IsRead()
    {
        var bytes = ExportFiles.Xlsx(File(5)).ToArray();

        var result = await ParseAsync(new ForwardOnlyStream(bytes), "export.xlsx");

        Assert.Equal(5, result.Items.Count);
    }

    [Fact]
    public async Task ParseAsync_Xlsx20000Rows_ReadsThemAll()
    {
        var result = await ParseAsync(ExportFiles.Xlsx(File(20_000)), "big.xlsx");

        Assert.Empty(result.Errors);
        Assert.Equal(20_000, result.Items.Count);
        Assert.Equal("1020000", result.Items[^1].ExternalId);
    }

    [Fact]
    public async Task ParseAsync_Csv20000RowsIn1251_ReadsThemAll()
    {
        var result = await ParseAsync(ExportFiles.Csv(File(20_000), ExportFiles.Windows1251), "big.csv");

        Assert.Empty(result.Errors);
        Assert.Equal(20_000, result.Items.Count);
        Assert.Equal("Иванова Мария Сергеевна", result.Items[^1].Author?.Name);
    }

    [Fact]
    public async Task ParseAsync_Cancelled_ThrowsOperationCanceled()
    {
        var (services, importer) = Importer();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        await using (services)
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => importer.ParseAsync(ExportFiles.Xlsx(File(1000)), "export.xlsx", cancellation.Token));
    }

    /// <summary>A stream that only reads forward, as an upload arrives over the network.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Position { get => base.Position; set => throw new NotSupportedException(); }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
