using Microsoft.Extensions.Logging;

namespace MCU.Hub.Plugins.IncidentManagement.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "«Инцидент Менеджмент»: pulled {Count} incidents and {Failed} unreadable ones (limit {Limit}), more: {HasMore}")]
    public static partial void Pulled(ILogger logger, int count, int failed, int limit, bool hasMore);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "«Инцидент Менеджмент»: reply {ReplyId} recorded for incident {ExternalId} with status {Status}, published at {PublishedUrl}")]
    public static partial void Replied(ILogger logger, string replyId, string externalId, string status, string? publishedUrl);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "«Инцидент Менеджмент»: incident {ExternalId} has coordinates out of range ({Lat}, {Lon}); they are dropped")]
    public static partial void CoordinatesOutOfRange(ILogger logger, string externalId, double lat, double lon);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "«Инцидент Менеджмент»: incident {ExternalId} has a response deadline of {Hours} hours; it is ignored")]
    public static partial void DeadlineOutOfRange(ILogger logger, string externalId, double hours);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "«Инцидент Менеджмент»: incident {ExternalId} cannot be read and goes to quarantine: {Reason}")]
    public static partial void ItemFailed(ILogger logger, string? externalId, string reason);
}
