namespace MCU.Hub.Bench.Rules;

/// <summary>The options of <c>rules</c>.</summary>
/// <param name="Sizes">Rule counts.</param>
/// <param name="Seconds">Measuring time per engine and size, seconds.</param>
/// <param name="Messages">Distinct messages per size.</param>
internal sealed record RulesOptions(IReadOnlyList<int> Sizes, double Seconds, int Messages);
