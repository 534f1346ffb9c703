using Microsoft.Extensions.Logging;

namespace MCU.Hub.Plugins.GovPublics.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "«Госпаблики»: pulled {Pages} page versions and {Publications} publications (limit {Limit}), more: {HasMore}")]
    public static partial void Pulled(ILogger logger, int pages, int publications, int limit, bool hasMore);
}
