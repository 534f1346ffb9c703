using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MCU.Hub.Channels;
using MimeKit;

namespace MCU.Hub.Plugins.PosMail.Internal;

/// <summary>The outcome of reading one mail: an item, or the reason it cannot be one.</summary>
/// <param name="Item">The item, when the mail could be read.</param>
/// <param name="ExternalId">The id found, even when the mail could not be read.</param>
/// <param name="Error">What is missing, naming the labels, when the mail could not be read.</param>
internal sealed record ParsedMail(InboundItem? Item, string? ExternalId, string? Error);

/// <summary>Reads a ПОС notification (HTML or plain text) into an <see cref="InboundItem"/>; built once from the options.</summary>
/// <remarks>Thread-safe: it holds only immutable state and compiled expressions.</remarks>
internal sealed class NotificationParser
{
    /// <summary>The longest external id the hub accepts; a longer Message-ID is replaced by its hash.</summary>
    private const int MaxExternalId = 200;

    private static readonly Regex DigitsPattern = new(@"\d{1,30}", LabelReader.Options, LabelReader.MatchTimeout);
    private static readonly Regex DatePattern = new(
        @"(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})([^\d:]{1,6}(?<h>\d{1,2}):(?<min>\d{2})(:(?<s>\d{2}))?)?",
        LabelReader.Options,
        LabelReader.MatchTimeout);

    private static readonly Regex CoordinatePattern = new(@"-?\d{1,3}([.,]\d{1,15})?", LabelReader.Options, LabelReader.MatchTimeout);

    private readonly LabelReader _reader;
    private readonly Regex _number;
    private readonly TimeZoneInfo _timeZone;
    private readonly string _textLabels;
    private readonly string _numberLabels;

    /// <summary>Builds the parser; the options must have passed validation.</summary>
    /// <param name="options">The connector's options.</param>
    public NotificationParser(PosMailOptions options)
    {
        var labels = new Dictionary<string, string>(PosMailOptions.DefaultLabels, StringComparer.OrdinalIgnoreCase);
        foreach (var (field, value) in options.Labels)
            labels[field] = value;

        _reader = new LabelReader(labels, options.TextEndMarkers);
        _number = new Regex(options.NumberPattern, LabelReader.Options, LabelReader.MatchTimeout);
        _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        _textLabels = QuoteLabels(labels[PosMailFields.Text]);
        _numberLabels = QuoteLabels(labels[PosMailFields.Number]);
    }

    /// <summary>Reads one mail.</summary>
    /// <param name="message">The mail.</param>
    /// <param name="receivedAt">When the server received it (IMAP INTERNALDATE); the last resort for the date.</param>
    /// <returns>The item, or the reason it cannot be one.</returns>
    public ParsedMail Parse(MimeMessage message, DateTimeOffset? receivedAt)
    {
        var bodies = new List<(string Kind, IReadOnlyList<string> Lines)>(2);
        if (message.HtmlBody is { Length: > 0 } html)
            bodies.Add(("html", MailText.FromHtml(html)));
        if (message.TextBody is { Length: > 0 } plain)
            bodies.Add(("plain", MailText.FromPlain(plain)));

        // HTML first: a plain alternative is often a lossy rendering of it. The plain one is the fallback.
        var (kind, lines) = bodies.Count > 0 ? bodies[0] : ("none", []);
        var fields = bodies.Count > 0 ? _reader.Read(lines) : [];
        for (var i = 1; i < bodies.Count && !fields.ContainsKey(PosMailFields.Text); i++)
        {
            var other = _reader.Read(bodies[i].Lines);
            if (other.ContainsKey(PosMailFields.Text))
                (kind, lines, fields) = (bodies[i].Kind, bodies[i].Lines, other);
        }

        var number = FindNumber(fields, message.Subject, lines);
        var externalId = number ?? FromMessageId(message.MessageId);

        var errors = new List<string>(2);
        if (bodies.Count == 0)
            errors.Add("в письме нет текстовой части (text/plain или text/html)");
        else if (!fields.TryGetValue(PosMailFields.Text, out _))
            errors.Add($"нет текста сообщения: не найдена ни одна из меток {_textLabels}");
        if (externalId is null)
            errors.Add($"нет номера сообщения: нет меток {_numberLabels}, номера по шаблону NumberPattern в теме и тексте, нет и заголовка Message-ID");
        if (errors.Count > 0)
            return new ParsedMail(null, externalId, string.Join("; ", errors));

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["mail_body"] = kind };
        AddIfPresent(metadata, "mail_message_id", message.MessageId);
        AddIfPresent(metadata, "mail_subject", message.Subject);
        AddIfPresent(metadata, "mail_from", message.From.Mailboxes.FirstOrDefault()?.Address);
        if (message.Date != DateTimeOffset.MinValue)
            metadata["mail_date"] = message.Date.ToString("O", CultureInfo.InvariantCulture);
        if (number is null)
            metadata["number_missing"] = "true";

        var createdAt = ResolveCreatedAt(fields, message, receivedAt, metadata);
        if (createdAt is null)
            return new ParsedMail(null, externalId, "нет даты: не найдена метка даты, в письме нет заголовка Date, а дата получения неизвестна");

        fields.TryGetValue(PosMailFields.ApplicantAddress, out var applicantAddress);
        AddIfPresent(metadata, "applicant_address", applicantAddress);
        AddIfPresent(metadata, "category", fields.GetValueOrDefault(PosMailFields.Category));
        AddIfPresent(metadata, "subcategory", fields.GetValueOrDefault(PosMailFields.Subcategory));
        AddIfPresent(metadata, "url", fields.GetValueOrDefault(PosMailFields.Link));

        DateTimeOffset? dueAt = null;
        if (fields.TryGetValue(PosMailFields.Deadline, out var deadlineText))
        {
            dueAt = ParseDate(deadlineText, dateOnlyMeansEndOfDay: true);
            metadata[dueAt is null ? "deadline_text" : "deadline"] = dueAt?.ToString("O", CultureInfo.InvariantCulture) ?? deadlineText;
        }

        var (latitude, longitude) = (default(double?), default(double?));
        if (fields.TryGetValue(PosMailFields.Coordinates, out var coordinatesText))
        {
            (latitude, longitude) = ParseCoordinates(coordinatesText);
            if (latitude is null)
                metadata["coordinates_text"] = coordinatesText;
        }

        var item = new InboundItem
        {
            ExternalId = externalId!,
            Kind = MessageKind.Message,
            Text = fields[PosMailFields.Text],
            CreatedAt = createdAt.Value,
            Author = Author(fields),
            Address = fields.GetValueOrDefault(PosMailFields.ProblemAddress),
            Latitude = latitude,
            Longitude = longitude,
            SourceCategory = fields.GetValueOrDefault(PosMailFields.Category),
            SourceSubcategory = fields.GetValueOrDefault(PosMailFields.Subcategory),
            DueAt = dueAt,
            Metadata = metadata,
        };
        return new ParsedMail(item, externalId, null);
    }

    private string? FindNumber(Dictionary<string, string> fields, string? subject, IReadOnlyList<string> lines)
    {
        if (fields.TryGetValue(PosMailFields.Number, out var labelled) && DigitsPattern.Match(labelled) is { Success: true } digits)
            return digits.Value;

        if (!string.IsNullOrEmpty(subject) && _number.Match(subject) is { Success: true } inSubject)
            return inSubject.Groups["number"].Value;

        foreach (var line in lines)
        {
            if (_number.Match(line) is { Success: true } inBody)
                return inBody.Groups["number"].Value;
        }

        return null;
    }

    private static string? FromMessageId(string? messageId)
    {
        if (string.IsNullOrWhiteSpace(messageId))
            return null;

        var id = "<" + messageId.Trim() + ">";
        return id.Length <= MaxExternalId
            ? id
            : "<sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId))) + ">";
    }

    private DateTimeOffset? ResolveCreatedAt(Dictionary<string, string> fields, MimeMessage message, DateTimeOffset? receivedAt, Dictionary<string, string> metadata)
    {
        if (fields.TryGetValue(PosMailFields.Date, out var text))
        {
            if (ParseDate(text, dateOnlyMeansEndOfDay: false) is { } parsed)
            {
                metadata["date_source"] = "notification";
                return parsed;
            }

            // A date the platform wrote differently must not quarantine the message: the mail's own date is close.
            metadata["date_text"] = text;
        }

        if (message.Date != DateTimeOffset.MinValue)
        {
            metadata["date_source"] = "mail_date";
            return message.Date;
        }

        if (receivedAt is { } received)
        {
            metadata["date_source"] = "received";
            return received;
        }

        return null;
    }

    private DateTimeOffset? ParseDate(string text, bool dateOnlyMeansEndOfDay)
    {
        var match = DatePattern.Match(text);
        if (match.Success)
        {
            static int Part(Match m, string name) =>
                m.Groups[name].Success ? int.Parse(m.Groups[name].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

            var (day, month, year) = (Part(match, "d"), Part(match, "m"), Part(match, "y"));
            var (hour, minute, second) = (Part(match, "h"), Part(match, "min"), Part(match, "s"));
            if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
                return null;

            var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
            if (!match.Groups["h"].Success && dateOnlyMeansEndOfDay)
                local = local.AddDays(1); // A deadline day ends at local midnight, as the hub counts deadlines.

            return new DateTimeOffset(local, _timeZone.GetUtcOffset(local));
        }

        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var iso)
            && text.Contains('T', StringComparison.Ordinal)
            ? iso
            : null;
    }

    private static (double? Latitude, double? Longitude) ParseCoordinates(string text)
    {
        var numbers = CoordinatePattern.Matches(text);
        if (numbers.Count != 2)
            return (null, null);

        static double? Read(Match m) =>
            double.TryParse(m.Value.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;

        return Read(numbers[0]) is { } lat and >= -90 and <= 90 && Read(numbers[1]) is { } lon and >= -180 and <= 180
            ? (lat, lon)
            : (null, null);
    }

    private static AuthorInfo? Author(Dictionary<string, string> fields)
    {
        var name = fields.GetValueOrDefault(PosMailFields.Name);
        var phone = fields.GetValueOrDefault(PosMailFields.Phone);
        var email = fields.GetValueOrDefault(PosMailFields.Email);
        if (email is not null && email.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            email = email["mailto:".Length..];

        return name is null && phone is null && email is null ? null : new AuthorInfo { Name = name, Phone = phone, Email = email };
    }

    private static void AddIfPresent(Dictionary<string, string> metadata, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            metadata[key] = value.Trim();
    }

    private static string QuoteLabels(string alternatives) =>
        string.Join(", ", LabelReader.SplitAlternatives(alternatives).Select(a => $"«{a.Trim().TrimEnd(':')}:»"));
}
