namespace MCU.Hub.Answers;

/// <summary>Where a draft answer (проект ответа) is on its way from the executor to the citizen.</summary>
public enum DraftState
{
    /// <summary>Saved by its author, not yet sent for approval (not in the review queue).</summary>
    Draft = 0,

    /// <summary>Sent for approval (на согласовании): waits for an МЦУ specialist.</summary>
    Submitted = 1,

    /// <summary>Returned for rework (возвращён на доработку) with the reviewer's comment.</summary>
    Returned = 2,

    /// <summary>Approved (согласован): it became the message's answer and went to the channel.</summary>
    Approved = 3,
}
