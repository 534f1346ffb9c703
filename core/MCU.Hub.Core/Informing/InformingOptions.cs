using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Informing;

/// <summary>Informing through official pages: bound from <c>McuHub:Informing</c>, validated at start-up.</summary>
public sealed class InformingOptions
{
    /// <summary>The configuration section, relative to <c>McuHub</c>.</summary>
    public const string SectionName = "Informing";

    /// <summary>Gets or sets the publications a page must have each week.</summary>
    /// <value>The default is 5: «размещение не менее 5 публикаций в неделю» (Каменск-Уральский regulation, 3.4).</value>
    [Range(1, 1000)]
    public int WeeklyPublicationNorm { get; set; } = 5;
}
