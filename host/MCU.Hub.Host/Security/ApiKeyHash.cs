using System.Security.Cryptography;
using System.Text;

namespace MCU.Hub.Host.Security;

/// <summary>The stored form of an API key: the host keeps only its hash.</summary>
public static class ApiKeyHash
{
    /// <summary>Gets the hash of a key: <c>sha256:</c> and the lowercase hex SHA-256 of its UTF-8 bytes.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The value for <see cref="ApiKeyCredential.KeyHash"/>.</returns>
    public static string Of(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
