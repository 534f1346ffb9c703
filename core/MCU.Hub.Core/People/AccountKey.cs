using System.Security.Cryptography;
using System.Text;
using MCU.Hub.Storage;

namespace MCU.Hub.People;

/// <summary>
/// An API key issued to a person's account. The hub keeps only the key's hash (the document's id); the key itself is
/// shown once, when it is issued.
/// </summary>
public sealed class AccountKey : IStoredDocument
{
    /// <inheritdoc />
    public static string Collection => "account_keys";

    /// <summary>Gets or sets the key's hash (<see cref="HashOf"/>); the document's id.</summary>
    public string Id { get; set; } = "";

    /// <inheritdoc />
    public string Tenant { get; set; } = "";

    /// <summary>Gets or sets the login of the account the key belongs to.</summary>
    public string Login { get; set; } = "";

    /// <inheritdoc />
    public string? Key => Login;

    /// <inheritdoc />
    public int Version { get; set; }

    /// <summary>Gets or sets the first characters of the key, to tell keys apart in a list.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Gets or sets when the key was issued.</summary>
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>Gets or sets who issued the key.</summary>
    public string IssuedBy { get; set; } = "";

    /// <summary>Gets the stored form of a key: <c>sha256:</c> and the lowercase hex SHA-256 of its UTF-8 bytes.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The hash, the same form the host's configured API keys use.</returns>
    public static string HashOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}

/// <summary>A key just issued: the only time the key itself is known to anyone but its holder.</summary>
/// <param name="Key">The key, to be handed to the person.</param>
/// <param name="Stored">What the hub keeps of it.</param>
public sealed record IssuedAccountKey(string Key, AccountKey Stored);
