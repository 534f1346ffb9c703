using Microsoft.Extensions.Logging;

namespace MCU.Hub.Plugins.GovPublics.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "«Госпаблики»: pulled {Pages} page versions, {Publications} publications and {Failed} unreadable ones (limit {Limit}), more: {HasMore}")]
    public static partial void Pulled(ILogger logger, int pages, int publications, int failed, int limit, bool hasMore);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "«Госпаблики»: record {ExternalId} cannot be read and goes to quarantine: {Reason}")]
    public static partial void RecordFailed(ILogger logger, string? externalId, string reason);
}
