using Microsoft.Extensions.Logging;

namespace MCU.Hub.Routing.Internal;

/// <summary>The routing feature's logs.</summary>
internal static partial class RoutingLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Routing rule {Rule}: the regular expression ran out of its {TimeoutMs} ms on message {MessageId}; the condition does not hold")]
    public static partial void RegexTimedOut(ILogger logger, string rule, double timeoutMs, string messageId);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Routing rules: version {Version} with {Count} enabled rules is in force")]
    public static partial void RuleSetInForce(ILogger logger, int version, int count);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Routing rules: no stored rule set; the {Count} configured rules became version 1")]
    public static partial void SeededFromConfiguration(ILogger logger, int count);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Routing rules: the configured rules differ from stored version {Version}, which stays in force; import them to change it")]
    public static partial void ConfigurationDiffers(ILogger logger, int version);

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "Routing rules: {Actor} saved version {Version} ({Changes} rules changed)")]
    public static partial void RuleSetSaved(ILogger logger, string actor, int version, int changes);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "Routing rules: the message store is not LiteDB; rule versions are kept in memory only and are lost on restart")]
    public static partial void RulesNotPersisted(ILogger logger);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Routing rules: version {Version} compiled with problems: {Problems}")]
    public static partial void CompileProblems(ILogger logger, int version, string problems);
}
