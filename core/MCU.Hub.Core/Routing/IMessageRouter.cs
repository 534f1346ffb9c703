using MCU.Hub.Messages;

namespace MCU.Hub.Routing;

/// <summary>Chooses the responsible recipients of a classified message.</summary>
public interface IMessageRouter
{
    /// <summary>Routes <paramref name="message"/>; changes nothing on it.</summary>
    /// <param name="message">The classified message.</param>
    /// <returns>The decision.</returns>
    RoutingDecision Route(HubMessage message);
}
