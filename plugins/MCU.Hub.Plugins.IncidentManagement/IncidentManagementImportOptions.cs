namespace MCU.Hub.Plugins.IncidentManagement;

/// <summary>
/// Settings of the «Инцидент Менеджмент» export importer (<see cref="IncidentManagementImporter"/>), bound from
/// <c>McuHub:Channels:incident-management:Settings:Import</c>.
/// </summary>
public sealed class IncidentManagementImportOptions
{
    /// <summary>The default of <see cref="UtcOffset"/>: Moscow time.</summary>
    public static readonly TimeSpan DefaultUtcOffset = TimeSpan.FromHours(3);

    /// <summary>
    /// Gets or sets the headers of the export's columns, by column key (<see cref="IncidentManagementImportColumns"/>): a
    /// value replaces the default header of its key; alternatives are separated by <c>|</c> («Соцсеть|Источник»).
    /// </summary>
    /// <value>
    /// The default is empty: the headers listed in the plugin's README («ID инцидента», «Соцсеть» ...). Keys ignore case;
    /// headers are matched ignoring case, extra spaces and «ё»/«е».
    /// </value>
    public Dictionary<string, string> Columns { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the UTC offset of dates that the export writes without one (Excel dates, «20.11.2026 10:15»).</summary>
    /// <value>The default is <see cref="DefaultUtcOffset"/> (+03:00); −12:00…+14:00.</value>
    public TimeSpan UtcOffset { get; set; } = DefaultUtcOffset;
}
