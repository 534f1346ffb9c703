using MCU.Hub.FastTrack;
using MCU.Hub.Messages;

namespace MCU.Hub.Routing.Internal;

/// <summary>Turns the fast-track entry a rule named into what the entry agreed: its executor, its deadline, no manual step.</summary>
internal static class FastTrackDecision
{
    public static RoutingDecision Resolve(RoutingDecision decision, HubMessage message, FastTrackCatalog? catalog)
    {
        if (decision.FastTrackEntry is not { } code || catalog is null)
            return decision;
        if (catalog.Find(message.Tenant, code) is not { } entry)
        {
            // The rule was checked when saved; the entry may have gone since (another instance): triage by hand, and say why.
            return decision with
            {
                FastTrackEntry = null,
                Warnings = [.. decision.Warnings, $"позиции фаст-трека «{code}» нет в каталоге — фаст-трек не применён"],
            };
        }

        return decision with
        {
            Recipients = [entry.Executor],
            FastTrack = true,
            AutomatedDelivery = true,
            DeadlinePolicy = entry.PolicyName,
        };
    }
}
