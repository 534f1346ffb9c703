using MCU.Hub.Events;
using MCU.Hub.Messages;
using MCU.Hub.Records;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Kpi;

/// <summary>Writes messages with chosen facts straight into the store, each with its «received» event, as the intake would.</summary>
internal static class KpiSeed
{
    private static int _next;

    public static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    public static HubMessage Message(DateTimeOffset received, string recipient = "roads-dept", string channel = "pos", Action<HubMessage>? configure = null)
    {
        var n = Interlocked.Increment(ref _next);
        var message = new HubMessage
        {
            Id = $"{received.UtcTicks:D20}-{n:D6}",
            Kind = MessageKind.Message,
            Channel = channel,
            ExternalId = $"seed-{n}",
            Text = "Яма на дороге",
            Block = recipient == "roads-dept" ? "roads" : "housing-utilities",
            Territory = "central",
            ReceivedAt = received,
            RegisteredAt = received,
            DueAt = received.AddDays(10),
            Status = recipient.Length == 0 ? MessageStatus.New : MessageStatus.Routed,
            Recipients = recipient.Length == 0 ? [] : [recipient],
            UpdatedAt = received,
        };
        configure?.Invoke(message);
        return message;
    }

    public static async Task StoreAsync(IHubStore store, IEnumerable<HubMessage> messages, IReadOnlyList<StoredRecord>? records = null)
    {
        var items = messages.Select(m => new IntakeItem(m, [], [new HubEvent { Type = HubEventTypes.Received, MessageId = m.Id, Channel = m.Channel, At = m.RegisteredAt }])).ToList();
        await store.CommitIntakeAsync(new IntakeBatch(items, new Dictionary<string, string?>()) { Records = records ?? [] }, CancellationToken.None);
    }

    public static StoredRecord Record(string type, string id, DateTimeOffset at, params (string Key, string Value)[] fields) => new()
    {
        Id = StoredRecord.KeyOf("gov-publics", type, id),
        Channel = "gov-publics",
        Type = type,
        ExternalId = id,
        OccurredAt = at,
        StoredAt = at,
        Fields = fields.ToDictionary(f => f.Key, f => f.Value),
    };
}
