using MCU.Hub.Storage;

namespace MCU.Hub.People;

/// <summary>A person who works in or with the МЦУ, their roles, and who stands in for them when they are absent.</summary>
public sealed class Account : IStoredDocument
{
    /// <inheritdoc />
    public static string Collection => "accounts";

    /// <summary>Gets or sets the login; the account's id (lower case).</summary>
    public string Id { get; set; } = "";

    /// <inheritdoc />
    public string Tenant { get; set; } = "";

    /// <inheritdoc />
    public string? Key => null;

    /// <inheritdoc />
    public int Version { get; set; }

    /// <summary>Gets or sets the full name (ФИО).</summary>
    public string FullName { get; set; } = "";

    /// <summary>Gets or sets the position (должность), as the person's order names it.</summary>
    public string? Position { get; set; }

    /// <summary>Gets or sets the roles (<see cref="Roles"/>).</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Gets or sets the recipients (directory codes) an executor works for; their messages are the ones they answer.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>Gets or sets the thematic blocks a block head or block specialist is responsible for.</summary>
    public List<string> Blocks { get; set; } = [];

    /// <summary>Gets or sets the channels (codes) a channel responsible is responsible for.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>Gets or sets the periods of absence and who acts for the person then («лицо, исполняющее обязанности»).</summary>
    public List<Absence> Absences { get; set; } = [];

    /// <summary>Gets or sets a value indicating whether the account may sign in.</summary>
    public bool Active { get; set; } = true;

    /// <summary>Gets or sets when the account was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A period when a person is absent (отпуск, командировка, болезнь) and the deputy who acts for them.</summary>
public sealed class Absence
{
    /// <summary>Gets or sets the id of the absence within the account (set when it is added).</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the first instant of the absence.</summary>
    public DateTimeOffset From { get; set; }

    /// <summary>Gets or sets the instant the absence ends (exclusive).</summary>
    public DateTimeOffset To { get; set; }

    /// <summary>Gets or sets the deputy's login.</summary>
    public string Deputy { get; set; } = "";

    /// <summary>Gets or sets the reason, as the order states it.</summary>
    public string? Reason { get; set; }

    /// <summary>Tells whether the absence covers an instant.</summary>
    /// <param name="now">The instant.</param>
    /// <returns><see langword="true"/> when <paramref name="now"/> is in [<see cref="From"/>, <see cref="To"/>).</returns>
    public bool Covers(DateTimeOffset now) => From <= now && now < To;
}
