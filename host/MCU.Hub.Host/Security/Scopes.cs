namespace MCU.Hub.Host.Security;

/// <summary>The scopes a credential may hold, and the authorization policies named after them.</summary>
public static class Scopes
{
    /// <summary>Reads the municipality's messages, directory, indicators and reports.</summary>
    public const string Read = "read";

    /// <summary>Submits and changes messages (and reads).</summary>
    public const string Write = "write";

    /// <summary>Changes rules, quarantine and deliveries, reads the audit log (and writes and reads).</summary>
    public const string Admin = "admin";

    /// <summary>
    /// A regional center (ЦУР): reads aggregates of its municipalities — indicators, ratings, heat maps, reports — and
    /// messages with the citizens' personal data masked (152-ФЗ); changes nothing.
    /// </summary>
    public const string Region = "region";

    /// <summary>Every scope.</summary>
    public static IReadOnlyList<string> All { get; } = [Read, Write, Admin, Region];

    /// <summary>The scopes that satisfy a policy: a higher scope includes the lower ones.</summary>
    /// <param name="policy">The policy (a scope name).</param>
    /// <returns>The scopes any of which is enough.</returns>
    public static IReadOnlyList<string> Satisfying(string policy) => policy switch
    {
        Read => [Read, Write, Admin, Region],
        Write => [Write, Admin],
        Admin => [Admin],
        Region => [Region],
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };
}
