using System.Text.RegularExpressions;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Security;

/// <summary>
/// Removes the citizens' personal data (152-ФЗ) from what a caller without personal-data.read (a regional center, a
/// curator) reads: names, phones, e-mails and exact
/// addresses. Coordinates are kept to two decimals (about a kilometre), enough for a heat map and no more.
/// </summary>
internal static partial class PersonalDataMask
{
    private const string Hidden = "***";

    /// <summary>Masks a message in place.</summary>
    public static Message Apply(Message message)
    {
        message.Author = message.Author is null ? null : new Author { IsOrganisation = message.Author.IsOrganisation };
        message.Address = "";
        if (message.Coordinates is { } c)
            message.Coordinates = new Coordinates { Latitude = Math.Round(c.Latitude, 2), Longitude = Math.Round(c.Longitude, 2) };
        message.Text = Text(message.Text);
        if (message.Answer is { } answer)
            answer.Text = Text(answer.Text);
        message.PersonalDataMasked = true;
        return message;
    }

    /// <summary>Masks a history entry in place: changed personal fields lose their values, texts lose phones and e-mails.</summary>
    public static HistoryEntry Apply(HistoryEntry entry)
    {
        foreach (var change in entry.Changes)
        {
            if (IsPersonal(change.Field))
            {
                change.OldValue = change.OldValue.Length == 0 ? "" : Hidden;
                change.NewValue = change.NewValue.Length == 0 ? "" : Hidden;
            }
            else
            {
                change.OldValue = Text(change.OldValue);
                change.NewValue = Text(change.NewValue);
            }
        }

        entry.Comment = Text(entry.Comment);
        return entry;
    }

    /// <summary>Replaces phone numbers and e-mail addresses inside a free text.</summary>
    public static string Text(string text) =>
        string.IsNullOrEmpty(text) ? text : Phone().Replace(Email().Replace(text, Hidden), Hidden);

    private static bool IsPersonal(string field) =>
        field.Contains("author", StringComparison.OrdinalIgnoreCase) || field.Contains("address", StringComparison.OrdinalIgnoreCase)
        || field.Contains("phone", StringComparison.OrdinalIgnoreCase) || field.Contains("email", StringComparison.OrdinalIgnoreCase)
        || field.Contains("latitude", StringComparison.OrdinalIgnoreCase) || field.Contains("longitude", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Email();

    // Russian numbers as people write them: +7 / 8, then 10 digits with spaces, dashes or brackets between.
    [GeneratedRegex(@"(?<!\d)(\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Phone();
}
