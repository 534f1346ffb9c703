namespace MCU.Hub.Satisfaction;

/// <summary>What became of a citizen's survey answer.</summary>
public enum SurveySubmitOutcome
{
    /// <summary>The answer was recorded.</summary>
    Recorded = 0,

    /// <summary>The survey had been answered already; nothing changed.</summary>
    AlreadyAnswered = 1,

    /// <summary>The link expired; nothing changed.</summary>
    Expired = 2,

    /// <summary>No survey has this link.</summary>
    NotFound = 3,
}
