namespace MCU.Hub.Routing;

/// <summary>Event types the routing rules cause, besides <see cref="Events.HubEventTypes.Routed"/>.</summary>
public static class RoutingEventTypes
{
    /// <summary>A rule asked to notify someone about a message; the event's summary names whom (<see cref="RoutingRule.Notify"/>).</summary>
    public const string Notify = "message.notify";
}
