using System.Security.Cryptography;
using System.Text;

namespace MCU.Hub.Satisfaction.Internal;

/// <summary>Personal survey tokens: 256 random bits in base64url; only their SHA-256 is stored.</summary>
internal static class SurveyToken
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Tells whether a string can be a token at all, before it is hashed and looked up (43 base64url characters).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Places a message in [0, 1) by its id, the same on every instance and every run.</summary>
    public static double Bucket(string messageId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(messageId));
        return BitConverter.ToUInt32(hash, 0) / 4294967296.0;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
