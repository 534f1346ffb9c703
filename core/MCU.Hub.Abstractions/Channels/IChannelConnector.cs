namespace MCU.Hub.Channels;

/// <summary>
/// Talks to one external system: pulls what citizens sent there and sends answers back.
/// </summary>
/// <remarks>
/// <para>
/// Failure semantics: throw on any transport or protocol failure. The host owns resilience: it retries with
/// backoff, opens a circuit when the system keeps failing and records every attempt. A connector never
/// swallows an error and never retries by itself.
/// </para>
/// <para>
/// Thread-safety: the host calls <see cref="PullAsync"/> for one channel from one worker, never twice at once;
/// <see cref="SendReplyAsync"/> may run concurrently with a pull.
/// </para>
/// </remarks>
public interface IChannelConnector
{
    /// <summary>
    /// Fetches the next items after <paramref name="request"/>'s checkpoint.
    /// </summary>
    /// <param name="request">Where to continue and how many items to return at most.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    /// <returns>
    /// The items and the checkpoint to continue from. The host stores that checkpoint in the same transaction
    /// as the items, so an item may be fetched again after a crash but never lost; items are deduplicated on
    /// <see cref="InboundItem.ExternalId"/>.
    /// </returns>
    Task<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers an answer or a status change to the external system.
    /// </summary>
    /// <param name="reply">What to deliver. <see cref="ChannelReply.IdempotencyKey"/> is the same on every retry.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    /// <returns>The external system's receipt.</returns>
    /// <remarks>
    /// Pass <see cref="ChannelReply.IdempotencyKey"/> to the external system where it supports one, so that a retry
    /// after a lost response is not published twice.
    /// </remarks>
    Task<ReplyReceipt> SendReplyAsync(ChannelReply reply, CancellationToken cancellationToken);
}
