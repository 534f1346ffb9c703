using System.Text.RegularExpressions;

namespace MCU.Hub.Host.Channels;

/// <summary>Rules for channel codes.</summary>
internal static partial class ChannelCode
{
    public static string? Validate(string? code) =>
        code is not null && Pattern().IsMatch(code)
            ? null
            : $"код канала '{code}' недопустим: строчные латинские буквы, цифры и дефис, от 2 до 40 символов";

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
