using MCU.Hub.Intake;
using MCU.Hub.Kpi;
using MCU.Hub.Messages;
using MCU.Hub.Storage;
using MCU.Hub.Tenants;

namespace MCU.Hub.Host.Security;

/// <summary>
/// What a caller may see: a record of a municipality the caller does not see is answered exactly like a record that
/// does not exist (NOT_FOUND, the same text), so nothing about it leaks.
/// </summary>
internal sealed class TenantAccess(TenantDirectory tenants, IHubStore store)
{
    /// <summary>Gets the tenants.</summary>
    public TenantDirectory Tenants => tenants;

    /// <summary>Loads a message the caller sees.</summary>
    public async Task<HubMessage> MessageAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new HubValidationException("id", "идентификатор сообщения не указан");
        var message = await store.GetMessageAsync(id, cancellationToken);
        return message is not null && caller.Sees(tenants.Normalize(message.Tenant)) ? message : throw new MessageNotFoundException(id);
    }

    /// <summary>Tells whether the caller sees a record of a municipality.</summary>
    public bool Sees(Caller caller, string? tenant) => caller.Sees(tenants.Normalize(tenant));

    /// <summary>Tells whether the caller sees a channel's records (quarantine, imports).</summary>
    public bool SeesChannel(Caller caller, string channel) => caller.Sees(tenants.ForChannel(channel));

    /// <summary>Narrows an indicator slice to the municipalities the caller sees.</summary>
    public KpiSlice Scope(Caller caller, KpiSlice slice) =>
        tenants.All.Count == 1 && caller.Sees(tenants.Default) ? slice : slice with { Tenants = [.. caller.Visible] };

    /// <summary>Narrows a message query to the municipalities the caller sees.</summary>
    public static MessageQuery Scope(Caller caller, MessageQuery query) => query with { Tenants = [.. caller.Visible] };
}
