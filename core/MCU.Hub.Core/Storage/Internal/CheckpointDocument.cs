namespace MCU.Hub.Storage.Internal;

/// <summary>A channel's checkpoint as stored.</summary>
internal sealed class CheckpointDocument
{
    public string Channel { get; set; } = "";

    public string? Value { get; set; }
}
