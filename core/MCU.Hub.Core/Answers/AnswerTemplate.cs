using MCU.Hub.Storage;

namespace MCU.Hub.Answers;

/// <summary>
/// A template of a typical answer (типовой ответ) for a thematic block or topic, with placeholders in braces —
/// <c>{адрес}</c>, <c>{срок}</c>, <c>{номер}</c> … (<see cref="AnswerTemplates.Placeholders"/>) — that
/// <see cref="AnswerTemplates.Render"/> fills from a message.
/// </summary>
public sealed class AnswerTemplate : IStoredDocument
{
    /// <inheritdoc />
    public static string Collection => "answer_templates";

    /// <summary>Gets or sets the id, given by the hub.</summary>
    public string Id { get; set; } = "";

    /// <inheritdoc />
    public string Tenant { get; set; } = "";

    /// <summary>Gets the lookup key: the topic's code, else the block's, else <see langword="null"/> for a template of any topic.</summary>
    public string? Key => Category ?? Block;

    /// <inheritdoc />
    public int Version { get; set; }

    /// <summary>Gets or sets the name staff pick it by («Яма заделана», «Работы запланированы»).</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the thematic block (отраслевой блок) code it is for, or <see langword="null"/> for every block.</summary>
    public string? Block { get; set; }

    /// <summary>Gets or sets the topic (category) code it is for, or <see langword="null"/> for the whole block.</summary>
    public string? Category { get; set; }

    /// <summary>Gets or sets the text with placeholders.</summary>
    public string Text { get; set; } = "";

    /// <summary>Gets or sets a value indicating whether it is an interim answer template (промежуточный ответ).</summary>
    public bool Interim { get; set; }

    /// <summary>Gets or sets who last changed it.</summary>
    public string UpdatedBy { get; set; } = "";

    /// <summary>Gets or sets when it was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
