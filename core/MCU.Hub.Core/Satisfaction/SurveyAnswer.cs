namespace MCU.Hub.Satisfaction;

/// <summary>The citizen's answer to a satisfaction survey.</summary>
public enum SurveyAnswer
{
    /// <summary>No answer yet.</summary>
    None = 0,

    /// <summary>«Решено»: the problem is solved (rating 5).</summary>
    Solved = 1,

    /// <summary>«Решено частично»: solved in part (rating 3).</summary>
    PartlySolved = 2,

    /// <summary>«Не решено»: not solved (rating 1); flags the message for review and may reopen it.</summary>
    NotSolved = 3,
}
