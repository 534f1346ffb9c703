namespace MCU.Hub.Channels;

/// <summary>
/// Optional, implemented by a connector alongside <see cref="IChannelConnector"/>: reads a raw payload it once reported
/// as an <see cref="InboundFailure"/>, so that quarantined items can be replayed after the connector is fixed.
/// </summary>
public interface IRawItemParser
{
    /// <summary>Reads one raw payload.</summary>
    /// <param name="rawPayload">The payload as it was quarantined.</param>
    /// <returns>The item.</returns>
    /// <exception cref="InvalidDataException">The payload still cannot be read; the message names the field.</exception>
    InboundItem Parse(string rawPayload);
}
