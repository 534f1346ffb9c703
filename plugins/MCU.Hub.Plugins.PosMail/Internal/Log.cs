using Microsoft.Extensions.Logging;

namespace MCU.Hub.Plugins.PosMail.Internal;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "ПОС по почте: {Folder}: read {Count} notifications and {Failures} unreadable mails (limit {Limit}), more: {HasMore}")]
    public static partial void Pulled(ILogger logger, string folder, int count, int failures, int limit, bool hasMore);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "ПОС по почте: {Folder}: UIDVALIDITY changed from {Old} to {New}; the folder is read again from the start")]
    public static partial void UidValidityChanged(ILogger logger, string folder, uint old, uint @new);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "ПОС по почте: {Folder}: mail UID {Uid} cannot be read: {Reason}")]
    public static partial void Unreadable(ILogger logger, string folder, uint uid, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "ПОС по почте: {Folder}: mail UID {Uid} has {Size} bytes; only its headers and text are downloaded")]
    public static partial void LargeMail(ILogger logger, string folder, uint uid, long size);
}
