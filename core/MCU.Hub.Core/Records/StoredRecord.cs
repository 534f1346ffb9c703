namespace MCU.Hub.Records;

/// <summary>A channel record (publication, page, call card, poll result) as the hub keeps it.</summary>
public sealed class StoredRecord
{
    /// <summary>Gets or sets the key: <c>{channel}|{type}|{external id}</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the channel code.</summary>
    public string Channel { get; set; } = "";

    /// <summary>Gets or sets the record type.</summary>
    public string Type { get; set; } = "";

    /// <summary>Gets or sets the id in the external system.</summary>
    public string ExternalId { get; set; } = "";

    /// <summary>Gets or sets when the fact happened or last changed at the source.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Gets or sets when the hub stored this version.</summary>
    public DateTimeOffset StoredAt { get; set; }

    /// <summary>Gets or sets the fields.</summary>
    public Dictionary<string, string> Fields { get; set; } = [];

    /// <summary>Builds the key of a record.</summary>
    /// <param name="channel">The channel code.</param>
    /// <param name="type">The record type.</param>
    /// <param name="externalId">The id in the external system.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(string channel, string type, string externalId) => $"{channel}|{type}|{externalId}";
}
