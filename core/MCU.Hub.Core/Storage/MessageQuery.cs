using MCU.Hub.Messages;

namespace MCU.Hub.Storage;

/// <summary>Filters and paging of a message list. Unset filters match everything.</summary>
public sealed record MessageQuery
{
    /// <summary>Gets the tenants (ОКТМО codes) whose messages to include; empty for every tenant.</summary>
    public IReadOnlyList<string> Tenants { get; init; } = [];

    /// <summary>Gets the statuses to include.</summary>
    public IReadOnlyList<MessageStatus> Statuses { get; init; } = [];

    /// <summary>Gets the channel code.</summary>
    public string? Channel { get; init; }

    /// <summary>Gets the category or block code.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the recipient code.</summary>
    public string? Recipient { get; init; }

    /// <summary>Gets the start of the registration period (inclusive).</summary>
    public DateTimeOffset? RegisteredFrom { get; init; }

    /// <summary>Gets the end of the registration period (exclusive).</summary>
    public DateTimeOffset? RegisteredTo { get; init; }

    /// <summary>Gets the start of the deadline period (inclusive): only messages with a deadline at or after it.</summary>
    /// <remarks>
    /// With <see cref="DueBefore"/> it selects a deadline window, which the stores serve from their deadline index: the
    /// escalation scan reads only the messages whose deadline (moved by a level's offset) passed since its last scan.
    /// </remarks>
    public DateTimeOffset? DueFrom { get; init; }

    /// <summary>Gets the end of the deadline period (exclusive): only messages due before it.</summary>
    public DateTimeOffset? DueBefore { get; init; }

    /// <summary>Gets the page size.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Gets the cursor returned with the previous page, or <see langword="null"/> for the first.</summary>
    public string? Cursor { get; init; }
}

/// <summary>One page of messages.</summary>
/// <param name="Items">The messages, newest first.</param>
/// <param name="NextCursor">The cursor of the next page, or <see langword="null"/> on the last page.</param>
public sealed record MessagePage(IReadOnlyList<HubMessage> Items, string? NextCursor);
