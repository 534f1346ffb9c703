namespace MCU.Hub.Messages;

/// <summary>A field changed by a history entry.</summary>
public sealed class FieldChange
{
    /// <summary>Gets or sets the field name.</summary>
    public string Field { get; set; } = "";

    /// <summary>Gets or sets the value before the change, as text.</summary>
    public string? Old { get; set; }

    /// <summary>Gets or sets the value after the change, as text.</summary>
    public string? New { get; set; }

    /// <summary>Creates a change record.</summary>
    /// <param name="field">The field name.</param>
    /// <param name="old">The old value.</param>
    /// <param name="new">The new value.</param>
    /// <returns>The change.</returns>
    public static FieldChange Of(string field, object? old, object? @new) =>
        new() { Field = field, Old = Format(old), New = Format(@new) };

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join(",", list),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
