namespace MCU.Hub.Kpi.Internal;

/// <summary>
/// The code strings of the facts (tenants, channels, blocks, categories, territories, statuses, recipients) numbered
/// from 1, so that a <see cref="FactRecord"/> holds two bytes per code; 0 is no code. A hub has a handful to a few
/// hundred of them. Not thread-safe: the projection's lock guards it.
/// </summary>
internal sealed class FactCodes
{
    private readonly Dictionary<string, ushort> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _codes = [""];
    private readonly List<string[]> _single = [[]];

    /// <summary>Gets the id of a code, numbering it if it is new.</summary>
    /// <param name="code">The code, or <see langword="null"/>.</param>
    /// <returns>Its id; 0 for <see langword="null"/>.</returns>
    public ushort IdOf(string? code)
    {
        if (code is null)
            return 0;
        if (_ids.TryGetValue(code, out var id))
            return id;
        if (_codes.Count > ushort.MaxValue)
            throw new InvalidOperationException($"The facts projection holds at most {ushort.MaxValue:N0} distinct codes (channels, blocks, categories, territories, recipients).");
        id = (ushort)_codes.Count;
        _codes.Add(code);
        _single.Add([code]);
        _ids[code] = id;
        return id;
    }

    /// <summary>Gets the code of an id.</summary>
    /// <param name="id">The id; 0 for none.</param>
    /// <returns>The code, or <see langword="null"/> for 0.</returns>
    public string? CodeOf(ushort id) => id == 0 ? null : _codes[id];

    /// <summary>Gets a shared one-element list of a code, so that a million facts with one recipient share a few lists.</summary>
    /// <param name="id">The id of the code (not 0).</param>
    /// <returns>The list.</returns>
    public string[] SingleOf(ushort id) => _single[id];
}
