using System.Globalization;

namespace MCU.Hub.Analytics;

/// <summary>
/// A likely factor of a <see cref="GrowthAlert"/>: a value of another dimension among the alert's messages and how
/// much of the alert's excess it carries.
/// </summary>
/// <param name="Dimension">The factor's dimension (channel, territory, category or block).</param>
/// <param name="Value">The value; <see cref="NoValue"/> for messages without one.</param>
/// <param name="Observed">The alert key's messages with this value in the window.</param>
/// <param name="Expected">The expected count of those, from this value's own history (no prior).</param>
/// <param name="ShareOfExcess">
/// (observed − expected) of this value divided by (observed − expected) of the alert key, both without the prior;
/// in (0, 1]. The values of one dimension sum to 1 unless some of them fell.
/// </param>
public sealed record GrowthFactor(GrowthDimension Dimension, string Value, int Observed, double Expected, double ShareOfExcess)
{
    /// <summary>The value of a factor for messages without that property.</summary>
    public const string NoValue = "-";

    private static readonly CultureInfo s_russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>Gets a description of the factor for the operator, in Russian.</summary>
    public string Description => string.Format(
        s_russian,
        "{0} «{1}»: {2} сообщ. при ожидаемых {3:0.#}, {4:P0} прироста",
        Dimension switch
        {
            GrowthDimension.Category => "Тема",
            GrowthDimension.Block => "Блок",
            GrowthDimension.Territory => "Территория",
            _ => "Канал",
        },
        Value,
        Observed,
        Expected,
        ShareOfExcess);
}
