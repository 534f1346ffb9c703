namespace MCU.Hub.Messages;

/// <summary>Where a message is in its life cycle.</summary>
public enum MessageStatus
{
    /// <summary>Registered, not yet routed to a recipient (the manual triage queue).</summary>
    New = 0,

    /// <summary>Assigned to its responsible recipient(s).</summary>
    Routed = 1,

    /// <summary>The recipient is working on it.</summary>
    InProgress = 2,

    /// <summary>An answer was given.</summary>
    Answered = 3,

    /// <summary>Closed: answered and accepted, or closed by the channel.</summary>
    Closed = 4,

    /// <summary>Returned by the recipient as not theirs; the МЦУ routes it again.</summary>
    Returned = 5,

    /// <summary>Reopened after an answer or closure (the citizen was not satisfied, or the answer was rejected).</summary>
    Reopened = 6,

    /// <summary>Rejected: not to be processed (spam, duplicate, not within competence).</summary>
    Rejected = 7,
}
