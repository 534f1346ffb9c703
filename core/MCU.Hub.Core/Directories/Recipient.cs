namespace MCU.Hub.Directories;

/// <summary>A responsible recipient (ответственный получатель): a department of the administration or a municipal institution.</summary>
public sealed class Recipient
{
    /// <summary>Gets or sets the stable code.</summary>
    public string Code { get; set; } = "";

    /// <summary>Gets or sets the full name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the codes of the thematic blocks the recipient is responsible for.</summary>
    public List<string> Blocks { get; set; } = [];

    /// <summary>Gets or sets the codes of the territories the recipient serves; empty for the whole municipality.</summary>
    public List<string> Territories { get; set; } = [];
}
