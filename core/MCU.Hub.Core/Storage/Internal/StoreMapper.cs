using LiteDB;
using MCU.Hub.Events;
using MCU.Hub.Messages;
using MCU.Hub.Outbox;
using MCU.Hub.Quarantine;
using MCU.Hub.Records;

namespace MCU.Hub.Storage.Internal;

/// <summary>The LiteDB mapping of the hub's documents.</summary>
internal static class StoreMapper
{
    /// <summary>
    /// A filter on the <c>Tenant</c> field: any of <paramref name="tenants"/>. LiteDB keeps an empty string as null,
    /// so the empty code (a hub with no ОКТМО) is matched as null.
    /// </summary>
    public static BsonExpression TenantIn(IEnumerable<string> tenants) =>
        BsonExpression.Create("$.Tenant IN @0", new BsonArray(tenants.Select(t => t.Length == 0 ? BsonValue.Null : new BsonValue(t))));

    public static BsonMapper Create()
    {
        var mapper = new BsonMapper { EnumAsInteger = false };

        // Instants are stored as UTC ticks: exact to the tick and ordered, where BSON dates keep milliseconds only.
        mapper.RegisterType(ToBson, b => new DateTimeOffset(b.AsInt64, TimeSpan.Zero));
        mapper.Entity<HubMessage>().Id(m => m.Id, autoId: false);
        mapper.Entity<MessageHistoryEntry>().Id(h => h.Id, autoId: true);
        mapper.Entity<HubEvent>().Id(e => e.Sequence, autoId: false);
        mapper.Entity<IntakeHistoryDocument>().Id(d => d.MessageId, autoId: false);
        mapper.Entity<EventPackDocument>().Id(p => p.Last, autoId: false);
        mapper.Entity<CheckpointDocument>().Id(c => c.Channel, autoId: false);
        mapper.Entity<StoredRecord>().Id(r => r.Id, autoId: false);
        mapper.Entity<OutboxDelivery>().Id(d => d.Id, autoId: false);
        mapper.Entity<QuarantinedItem>().Id(q => q.Id, autoId: false);
        mapper.Entity<Kpi.BacklogSnapshot>().Id(s => s.Id, autoId: false);
        mapper.Entity<Reports.StoredReport>().Id(r => r.Id, autoId: false);
        return mapper;
    }

    public static BsonValue ToBson(DateTimeOffset value) => new(value.UtcTicks);
}
