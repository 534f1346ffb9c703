namespace MCU.Hub.Informing;

/// <summary>What a publication of an official page reports on.</summary>
public enum PublicationLinkTarget
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>A decision taken with residents through ПОС: a vote, poll or public discussion record (counts for target indicator 4).</summary>
    PosDecision = 1,

    /// <summary>A roadmap (дорожная карта) that removes the cause of repeated appeals.</summary>
    Roadmap = 2,

    /// <summary>A message whose problem was repaired.</summary>
    Message = 3,
}
