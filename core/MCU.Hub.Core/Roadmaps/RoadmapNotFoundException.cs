namespace MCU.Hub.Roadmaps;

/// <summary>Thrown when there is no roadmap with the id asked for in the caller's municipality.</summary>
public sealed class RoadmapNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="id">The id asked for.</param>
    public RoadmapNotFoundException(string id)
        : base($"id: дорожной карты «{id}» нет")
    {
        RoadmapId = id;
    }

    /// <summary>Creates the exception.</summary>
    public RoadmapNotFoundException()
        : this("")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RoadmapNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        RoadmapId = "";
    }

    /// <summary>Gets the id asked for.</summary>
    public string RoadmapId { get; }
}
