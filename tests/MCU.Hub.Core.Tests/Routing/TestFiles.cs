using System.Security.Cryptography;

namespace MCU.Hub.Core.Tests.Routing;

/// <summary>File fingerprints for tests that prove nothing was written.</summary>
internal static class TestFiles
{
    /// <summary>The SHA-256 of a LiteDB file and of its write-ahead log beside it (<c>name-log.ext</c>), read while the database is open.</summary>
    public static string Hash(string databasePath)
    {
        var log = Path.Combine(Path.GetDirectoryName(databasePath)!, Path.GetFileNameWithoutExtension(databasePath) + "-log" + Path.GetExtension(databasePath));
        return Of(databasePath) + "/" + (File.Exists(log) ? Of(log) : "no log");
    }

    private static string Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
