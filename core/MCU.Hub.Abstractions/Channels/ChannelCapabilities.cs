namespace MCU.Hub.Channels;

/// <summary>What a channel connector can do.</summary>
[Flags]
public enum ChannelCapabilities
{
    /// <summary>Nothing beyond being registered.</summary>
    None = 0,

    /// <summary>The host pulls inbound items with <see cref="IChannelConnector.PullAsync"/> from a checkpoint.</summary>
    Poll = 1,

    /// <summary>The external system pushes items to the host (webhook).</summary>
    Push = 2,

    /// <summary>Answers can be sent back with <see cref="IChannelConnector.SendReplyAsync"/>.</summary>
    Reply = 4,

    /// <summary>Status changes can be sent back with <see cref="IChannelConnector.SendReplyAsync"/>.</summary>
    StatusUpdates = 8,

    /// <summary>Exports of the external system (xlsx, csv) can be imported.</summary>
    FileImport = 16,

    /// <summary>
    /// Interim answers (промежуточный ответ) with the date by which the final answer is expected can be sent back with
    /// <see cref="IChannelConnector.SendReplyAsync"/> (<see cref="ChannelReply.IsInterim"/>). Without it the hub records an
    /// interim answer and its new date but sends the channel nothing. Added in contract 1.3.
    /// </summary>
    InterimAnswers = 32,
}
