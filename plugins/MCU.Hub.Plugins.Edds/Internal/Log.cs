using Microsoft.Extensions.Logging;

namespace MCU.Hub.Plugins.Edds.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "ЕДДС: pulled {Cards} card versions, {Items} of them for a municipal recipient, and {Failed} unreadable ones (limit {Limit}), more: {HasMore}")]
    public static partial void Pulled(ILogger logger, int cards, int items, int failed, int limit, bool hasMore);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "ЕДДС: card {ExternalId} has coordinates out of range ({Lat}, {Lon}); they are dropped")]
    public static partial void CoordinatesOutOfRange(ILogger logger, string externalId, double lat, double lon);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "ЕДДС: card {ExternalId} cannot be read and goes to quarantine: {Reason}")]
    public static partial void CardFailed(ILogger logger, string? externalId, string reason);
}
