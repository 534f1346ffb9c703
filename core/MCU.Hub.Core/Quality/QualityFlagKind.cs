namespace MCU.Hub.Quality;

/// <summary>Why a message is listed for the МЦУ head's review.</summary>
public enum QualityFlagKind
{
    /// <summary>The answer is shorter than <see cref="QualityOptions.MinAnswerLength"/>.</summary>
    ShortAnswer = 1,

    /// <summary>The answer is boilerplate only, with no fact (отписка).</summary>
    NoSubstance = 2,

    /// <summary>The answer is a template whose specifics were not filled in: a placeholder left, or the template's text as is.</summary>
    UnfilledTemplate = 3,

    /// <summary>The same answer text was given to different problems (another category or place).</summary>
    SameAnswer = 4,

    /// <summary>The same author (phone or e-mail) complained repeatedly within the window.</summary>
    RepeatedAuthor = 5,

    /// <summary>Complaints about the same place (address, or within the radius) repeated within the window.</summary>
    RepeatedPlace = 6,

    /// <summary>The message was reopened more than once.</summary>
    ReopenedRepeatedly = 7,

    /// <summary>The citizen rated the result low (a survey's «Не решено» or the channel's rating).</summary>
    LowSatisfaction = 8,
}
