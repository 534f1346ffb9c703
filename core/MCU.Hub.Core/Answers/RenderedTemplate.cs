namespace MCU.Hub.Answers;

/// <summary>A template filled from a message.</summary>
/// <param name="Text">The text; placeholders with no value are left as they are (<c>{срок}</c>).</param>
/// <param name="Missing">The placeholders left without a value, in the order they first appear; empty when the text is complete.</param>
public sealed record RenderedTemplate(string Text, IReadOnlyList<string> Missing);
