namespace MCU.Hub.Satisfaction;

/// <summary>How survey answers map onto the hub's satisfaction scale (1…5, <see cref="Messages.HubMessage.Satisfaction"/>).</summary>
/// <remarks>
/// The rating and the operational indicator «Удовлетворённость результатом» read 1…5, the scale channels such as ПОС use;
/// the three buttons of the survey take its ends and middle, so a channel's rating and a survey's are averaged alike.
/// </remarks>
public static class SurveyAnswers
{
    /// <summary>Gets the rating (1…5) of an answer.</summary>
    /// <param name="answer">The answer.</param>
    /// <returns>5, 3 or 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No answer.</exception>
    public static int ScoreOf(SurveyAnswer answer) => answer switch
    {
        SurveyAnswer.Solved => 5,
        SurveyAnswer.PartlySolved => 3,
        SurveyAnswer.NotSolved => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, null),
    };

    /// <summary>Gets the Russian label of an answer, as the survey page shows it.</summary>
    /// <param name="answer">The answer.</param>
    /// <returns>The label.</returns>
    public static string LabelOf(SurveyAnswer answer) => answer switch
    {
        SurveyAnswer.Solved => "Решено",
        SurveyAnswer.PartlySolved => "Решено частично",
        SurveyAnswer.NotSolved => "Не решено",
        _ => "нет ответа",
    };

    /// <summary>Parses the wire name of an answer (<c>solved</c>, <c>partly_solved</c>, <c>not_solved</c>).</summary>
    /// <param name="value">The wire name.</param>
    /// <returns>The answer, or <see cref="SurveyAnswer.None"/> when the name is unknown.</returns>
    public static SurveyAnswer Parse(string? value) => value switch
    {
        "solved" => SurveyAnswer.Solved,
        "partly_solved" => SurveyAnswer.PartlySolved,
        "not_solved" => SurveyAnswer.NotSolved,
        _ => SurveyAnswer.None,
    };

    /// <summary>Gets the wire name of an answer.</summary>
    /// <param name="answer">The answer.</param>
    /// <returns><c>solved</c>, <c>partly_solved</c>, <c>not_solved</c>, or empty for none.</returns>
    public static string ToWire(SurveyAnswer answer) => answer switch
    {
        SurveyAnswer.Solved => "solved",
        SurveyAnswer.PartlySolved => "partly_solved",
        SurveyAnswer.NotSolved => "not_solved",
        _ => "",
    };
}
