using MCU.Hub.Reports;

namespace MCU.Hub.Core.Tests.Reports;

/// <summary>A weekly report whose sections exercise every column kind, both chart types and awkward sheet names.</summary>
internal static class ReportSamples
{
    public static readonly TimeSpan Msk = TimeSpan.FromHours(3);

    public const string ChannelsName = "Обращения по каналам";

    // 40 characters: Excel keeps 31.
    public const string LongName = "Распределение обращений по территориям р";

    public const string ForbiddenName = "Просрочки: топ/10 [март]*?";

    public static ReportDocument Weekly() => new()
    {
        Title = "Еженедельный аналитический отчёт",
        Subtitle = "за период с 01.03.2024 по 07.03.2024",
        GeneratedAt = new DateTimeOffset(2024, 3, 8, 9, 30, 0, Msk),
        Parameters =
        [
            new("Территория", "Центральный район"),
            new("Каналы", "ПОС, ЕДДС"),
        ],
        Sections =
        [
            new ReportSection
            {
                Name = ChannelsName,
                Heading = "Обращения по каналам поступления",
                Note = "Учтены обращения, зарегистрированные за период.",
                Columns =
                [
                    new("Канал"),
                    new("Обращений", ReportColumnKind.Integer),
                    new("Доля в срок, %", ReportColumnKind.Percent),
                    new("Среднее время ответа, ч", ReportColumnKind.Hours),
                    new("Первое обращение", ReportColumnKind.Date),
                    new("Последнее изменение", ReportColumnKind.DateTime),
                ],
                Rows =
                [
                    ["ПОС", 1234, 87.5, 26.5, new DateOnly(2024, 3, 1), new DateTimeOffset(2024, 3, 7, 18, 45, 0, Msk)],
                    ["ЕДДС", 56, 100, 1234.5, new DateOnly(2024, 3, 2), new DateTimeOffset(2024, 3, 6, 8, 0, 0, Msk)],
                    ["<script>alert(1)</script>", 0, 0, ReportValue.Empty],
                ],
                Chart = new ReportChart
                {
                    Kind = ReportChartKind.Column,
                    Title = "Обращений и доля в срок",
                    CategoryColumn = 0,
                    ValueColumns = [1, 2],
                },
            },
            new ReportSection
            {
                Name = ForbiddenName,
                Heading = "Просроченные обращения по дням",
                Columns = [new("День", ReportColumnKind.Date), new("Просрочено", ReportColumnKind.Integer), new("Сумма, руб.", ReportColumnKind.Number)],
                Rows =
                [
                    [new DateOnly(2024, 3, 4), 3, 1500.25],
                    [new DateOnly(2024, 3, 5), 5, 0.5],
                ],
                Chart = new ReportChart { Kind = ReportChartKind.Line, Title = "Просрочки по дням", CategoryColumn = 0, ValueColumns = [1] },
            },
            new ReportSection
            {
                Name = LongName,
                Heading = "По территориям",
                Columns = [new("Территория"), new("Обращений", ReportColumnKind.Integer)],
                Rows = [["Центральный район", 10]],
            },
            new ReportSection
            {
                // The same first 31 characters as the previous section.
                Name = LongName + "айонам",
                Heading = "По территориям (повтор)",
                Columns = [new("Территория"), new("Обращений", ReportColumnKind.Integer)],
                Rows = [],
            },
            new ReportSection
            {
                // Excel compares sheet names without case.
                Name = "параметры",
                Heading = "Раздел с именем титульного листа",
                Columns = [new("Текст")],
                Rows = [["а"]],
            },
        ],
    };
}
