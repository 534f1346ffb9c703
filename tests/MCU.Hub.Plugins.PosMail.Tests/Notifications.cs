using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace MCU.Hub.Plugins.PosMail.Tests;

/// <summary>A synthetic ПОС notification, as the README describes the format, from the fictitious town of Новоречинск.</summary>
internal sealed record Notification
{
    public static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    public required string Number { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string Category { get; init; } = "ЖКХ";

    public string Subcategory { get; init; } = "Отопление";

    public string? Name { get; init; } = "Иванова Мария Сергеевна";

    public string? Phone { get; init; } = "+7 916 123-45-67";

    public string? Email { get; init; } = "maria.ivanova@example.com";

    public string? ApplicantAddress { get; init; } = "г. Новоречинск, ул. Садовая, д. 3, кв. 12";

    public string? ProblemAddress { get; init; } = "г. Новоречинск, пр-т Победы, д. 24";

    public string? Coordinates { get; init; } = "57.399306, 45.624107";

    public string? Deadline { get; init; } = "20.03.2025";

    public string Text { get; init; } = "В доме 24 на проспекте Победы батареи еле тёплые.\nПрошу принять меры.";

    public string From { get; init; } = "noreply@pos.example.ru";

    private static readonly string[] Streets = ["ул. Садовая", "пр-т Победы", "ул. Заречная", "пер. Школьный", "ул. Ленина"];
    private static readonly (string Category, string Subcategory, string Text)[] Problems =
    [
        ("Дороги", "Ямы на дороге", "На перекрёстке у школы глубокая яма, машины объезжают по встречной."),
        ("ЖКХ", "Отопление", "В квартире +14, батареи холодные вторую неделю.\nУправляющая компания не отвечает."),
        ("Благоустройство", "Освещение", "Не горят фонари вдоль тротуара, вечером идти опасно."),
        ("Мусор", "Вывоз ТКО", "Контейнерная площадка переполнена, мусор не вывозят с понедельника."),
        ("Транспорт", "Расписание", "Автобус № 12 не ходит по расписанию после 20:00."),
    ];

    /// <summary>A deterministic notification number <paramref name="index"/>, created <paramref name="index"/> hours after a fixed time.</summary>
    public static Notification Sample(int index)
    {
        var problem = Problems[index % Problems.Length];
        return new Notification
        {
            Number = (412_000_100 + index).ToString(CultureInfo.InvariantCulture),
            CreatedAt = new DateTimeOffset(2025, 3, 10, 9, 15, 0, Moscow).AddHours(index),
            Category = problem.Category,
            Subcategory = problem.Subcategory,
            Text = problem.Text,
            ProblemAddress = $"г. Новоречинск, {Streets[index % Streets.Length]}, д. {(index % 40) + 1}",
            Phone = $"+7 900 555-{(index % 100):00}-{(index * 7 % 100):00}",
        };
    }

    public string Subject => $"Новое сообщение № {Number} на платформе обратной связи";

    public string LocalCreatedAt => CreatedAt.ToOffset(Moscow).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The HTML variant: a two-column table, as the platform's notification shows it.</summary>
    public MimeMessage ToHtmlMail() => Mail(new TextPart(TextFormat.Html) { Text = Html() });

    /// <summary>The plain-text variant: one «Метка: значение» per line.</summary>
    public MimeMessage ToPlainMail() => Mail(new TextPart(TextFormat.Plain) { Text = Plain() });

    /// <summary>Both variants in a multipart/alternative, the way most mail software sends HTML.</summary>
    public MimeMessage ToAlternativeMail()
    {
        var body = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = Plain() },
            new TextPart(TextFormat.Html) { Text = Html() },
        };
        return Mail(body);
    }

    public string Html()
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);

        var rows = new StringBuilder();
        void Row(string label, string? value)
        {
            if (value is not null)
                rows.Append(CultureInfo.InvariantCulture, $"<tr><td style=\"color:#666\"><b>{E(label)}</b></td><td>{E(value).Replace("\n", "<br>", StringComparison.Ordinal)}</td></tr>\n");
        }

        Row("Дата создания:", LocalCreatedAt);
        Row("Категория:", Category);
        Row("Подкатегория:", Subcategory);
        Row("Заявитель:", Name);
        Row("Телефон:", Phone);
        Row("Электронная почта:", Email);
        Row("Адрес заявителя:", ApplicantAddress);
        Row("Место возникновения проблемы:", ProblemAddress);
        Row("Координаты:", Coordinates);
        Row("Текст сообщения:", Text);
        Row("Срок ответа:", Deadline);
        Row("Ссылка на сообщение:", $"https://pos.example.ru/messages/{Number}");

        return $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Сообщение № {Number}</title>
            <style>td {"{"} padding: 4px; {"}"} /* Телефон: 000 */</style>
            <script>var label = "Текст сообщения: не отсюда";</script></head>
            <body>
            <!-- Телефон: из комментария -->
            <h2>Поступило новое сообщение&nbsp;№&nbsp;{Number}</h2>
            <table>
            {rows}</table>
            <p style="font-size:small">Это письмо сформировано автоматически, не отвечайте на него.</p>
            </body></html>
            """;
    }

    public string Plain()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Поступило новое сообщение № {Number}\n\n");
        void Line(string label, string? value)
        {
            if (value is not null)
                text.Append(CultureInfo.InvariantCulture, $"{label} {value}\n");
        }

        Line("Дата создания:", LocalCreatedAt);
        Line("Категория:", Category);
        Line("Подкатегория:", Subcategory);
        Line("Заявитель:", Name);
        Line("Телефон:", Phone);
        Line("Электронная почта:", Email);
        Line("Адрес заявителя:", ApplicantAddress);
        Line("Место возникновения проблемы:", ProblemAddress);
        Line("Координаты:", Coordinates);
        Line("Текст сообщения:", Text);
        Line("Срок ответа:", Deadline);
        text.Append("\n-- \nЭто письмо сформировано автоматически, не отвечайте на него.\n");
        return text.ToString();
    }

    private MimeMessage Mail(MimeEntity body)
    {
        var message = new MimeMessage
        {
            Subject = Subject,
            Date = CreatedAt.AddMinutes(2),
            MessageId = $"pos-{Number}@pos.example.ru",
            Body = body,
        };
        message.From.Add(new MailboxAddress("Платформа обратной связи", From));
        message.To.Add(new MailboxAddress("МЦУ Новоречинска", "mcu@novorechinsk.example.ru"));
        return message;
    }
}
