namespace MCU.Hub.Emulators.Common;

/// <summary>The body of every photo link the emulators publish.</summary>
internal static class MediaStub
{
    /// <summary>A 1×1 grey PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCB3UNq9AAAAABJRU5ErkJggg==");
}
