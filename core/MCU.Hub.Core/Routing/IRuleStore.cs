namespace MCU.Hub.Routing;

/// <summary>
/// The versioned store of routing rules (автоправила): every save makes a new version and keeps the previous ones.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe. <see cref="Current"/> is the compiled set in force; a save swaps it atomically, so routing picks up the
/// new version with no restart, and an evaluation under way finishes on the version it started with.
/// </para>
/// <para>
/// Validation failures throw <see cref="RuleSetValidationException"/> naming the rule and field; nothing is saved then.
/// When the store holds no version yet, the configured rules (<see cref="McuHubOptions.Rules"/>) become version 1.
/// </para>
/// </remarks>
public interface IRuleStore
{
    /// <summary>Gets the compiled rule set in force (the latest version).</summary>
    CompiledRuleSet Current { get; }

    /// <summary>Gets the latest version.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The version.</returns>
    Task<RuleSetVersion> GetCurrentAsync(CancellationToken cancellationToken);

    /// <summary>Gets a version.</summary>
    /// <param name="version">The version number.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The version, or <see langword="null"/> when there is none with that number.</returns>
    Task<RuleSetVersion?> GetVersionAsync(int version, CancellationToken cancellationToken);

    /// <summary>Lists every version, newest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The versions, without their rules.</returns>
    Task<IReadOnlyList<RuleSetVersionInfo>> ListVersionsAsync(CancellationToken cancellationToken);

    /// <summary>Validates <paramref name="rules"/> and saves them as a new version, which comes into force at once.</summary>
    /// <param name="rules">The whole new rule set.</param>
    /// <param name="actor">Who saves it.</param>
    /// <param name="comment">Why, if given.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>The saved version.</returns>
    /// <exception cref="RuleSetValidationException">The set is invalid; nothing was saved.</exception>
    Task<RuleSetVersion> SaveAsync(IReadOnlyList<RoutingRule> rules, string actor, string? comment, CancellationToken cancellationToken);

    /// <summary>Exports a version as JSON (the format of <see cref="RuleSetJson"/>).</summary>
    /// <param name="version">The version number; <see langword="null"/> for the latest.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="KeyNotFoundException">There is no such version.</exception>
    Task<string> ExportJsonAsync(int? version, CancellationToken cancellationToken);

    /// <summary>Parses and validates a rule set exported as JSON and saves it as a new version.</summary>
    /// <param name="json">The JSON text (a document of <see cref="RuleSetJson"/>, or a bare array of rules).</param>
    /// <param name="actor">Who imports it.</param>
    /// <param name="comment">Why, if given.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>The saved version.</returns>
    /// <exception cref="RuleSetValidationException">The JSON or a rule is invalid; nothing was saved.</exception>
    Task<RuleSetVersion> ImportJsonAsync(string json, string actor, string? comment, CancellationToken cancellationToken);
}
