using Microsoft.Extensions.Logging;

namespace MCU.Hub.Plugins.Edds.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "ЕДДС: pulled {Cards} card versions, {Items} of them for a municipal recipient (limit {Limit}), more: {HasMore}")]
    public static partial void Pulled(ILogger logger, int cards, int items, int limit, bool hasMore);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "ЕДДС: card {ExternalId} has coordinates out of range ({Lat}, {Lon}); they are dropped")]
    public static partial void CoordinatesOutOfRange(ILogger logger, string externalId, double lat, double lon);
}
