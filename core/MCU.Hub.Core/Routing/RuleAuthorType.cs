namespace MCU.Hub.Routing;

/// <summary>Which authors a routing rule applies to.</summary>
public enum RuleAuthorType
{
    /// <summary>Any author (the condition is not set).</summary>
    Any = 0,

    /// <summary>A citizen: the author is not marked as an organisation (anonymous authors count as citizens).</summary>
    Citizen = 1,

    /// <summary>An organisation (legal entity) as the author.</summary>
    Organisation = 2,
}
