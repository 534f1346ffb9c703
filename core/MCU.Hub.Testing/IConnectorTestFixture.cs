using MCU.Hub.Channels;

namespace MCU.Hub.Testing;

/// <summary>
/// What the conformance suite needs from a connector's tests: the plugin, settings pointing at a running emulator of the
/// external system, and a way to look into the emulator.
/// </summary>
public interface IConnectorTestFixture
{
    /// <summary>Gets a new instance of the plugin under test.</summary>
    IChannelPlugin Plugin { get; }

    /// <summary>Gets the plugin's settings that point it at the emulator.</summary>
    IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>Gets the external ids of every item the emulator serves, in the order it serves them.</summary>
    IReadOnlyList<string> ExpectedExternalIds { get; }

    /// <summary>Gets the number of records the emulator serves in total (0 for a channel without records).</summary>
    int ExpectedRecordCount { get; }

    /// <summary>Makes the emulator answer the next <paramref name="count"/> requests with <paramref name="statusCode"/>.</summary>
    /// <param name="count">How many requests fail.</param>
    /// <param name="statusCode">The HTTP status to answer with.</param>
    void FailNext(int count, int statusCode);

    /// <summary>Counts the replies the emulator recorded for an item (0 for a channel without replies).</summary>
    /// <param name="externalId">The item's id in the external system.</param>
    /// <returns>The number of distinct replies recorded.</returns>
    int RepliesRecorded(string externalId);
}
