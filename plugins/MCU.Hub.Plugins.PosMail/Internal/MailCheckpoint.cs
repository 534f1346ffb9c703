using System.Globalization;

namespace MCU.Hub.Plugins.PosMail.Internal;

/// <summary>
/// Where a folder was read up to: <c>UIDVALIDITY:LASTUID</c>. UIDs only mean something under the same UIDVALIDITY;
/// when the server changes it, the folder is read again from the start and the hub drops the duplicates.
/// </summary>
internal readonly record struct MailCheckpoint(uint UidValidity, uint LastUid)
{
    /// <summary>Reads a checkpoint the connector wrote.</summary>
    /// <param name="checkpoint">The stored text; <see langword="null"/> or empty for the start.</param>
    /// <returns>The checkpoint, or <see langword="null"/> for the start.</returns>
    /// <exception cref="InvalidDataException">The text is not <c>UIDVALIDITY:LASTUID</c>.</exception>
    public static MailCheckpoint? Parse(string? checkpoint)
    {
        if (string.IsNullOrEmpty(checkpoint))
            return null;

        var colon = checkpoint.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0
            && uint.TryParse(checkpoint.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var validity)
            && uint.TryParse(checkpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            return new MailCheckpoint(validity, last);
        }

        throw new InvalidDataException($"ПОС по почте: checkpoint '{checkpoint}' is not UIDVALIDITY:LASTUID (two unsigned integers).");
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{UidValidity}:{LastUid}");
}
