namespace MCU.Hub.Channels;

/// <summary>The external system's confirmation of a delivered reply.</summary>
/// <param name="ExternalReplyId">The id the external system gave the reply, if any.</param>
public sealed record ReplyReceipt(string? ExternalReplyId);
