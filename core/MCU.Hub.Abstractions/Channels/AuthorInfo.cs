namespace MCU.Hub.Channels;

/// <summary>Who sent an item. Personal data (152-ФЗ): the hub masks it for callers without the right to see it.</summary>
public sealed record AuthorInfo
{
    /// <summary>Gets the author's name as given.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the author's phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>Gets the author's e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Gets a value indicating whether the author is an organisation rather than a citizen.</summary>
    public bool IsOrganisation { get; init; }
}
