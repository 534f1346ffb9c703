using Microsoft.Extensions.Logging;

namespace MCU.Hub.Plugins.PayAttention.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "«Обращаем внимание»: pulled {Count} messages and {Failed} unreadable ones (limit {Limit}), more: {HasMore}")]
    public static partial void Pulled(ILogger logger, int count, int failed, int limit, bool hasMore);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "«Обращаем внимание»: answer {AnswerId} recorded for message {ExternalId} with status {Status}")]
    public static partial void Answered(ILogger logger, string answerId, string externalId, string status);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "«Обращаем внимание»: message {ExternalId} has a location out of range ({Lat}, {Lon}); it is dropped")]
    public static partial void LocationOutOfRange(ILogger logger, string externalId, double lat, double lon);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "«Обращаем внимание»: message {ExternalId} cannot be read and goes to quarantine: {Reason}")]
    public static partial void ItemFailed(ILogger logger, string? externalId, string reason);
}
