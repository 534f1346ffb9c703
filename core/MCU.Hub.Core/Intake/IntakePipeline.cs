using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MCU.Hub.Audit;
using MCU.Hub.Channels;
using MCU.Hub.Classification;
using MCU.Hub.Deadlines;
using MCU.Hub.Events;
using MCU.Hub.Intake.Internal;
using MCU.Hub.Messages;
using MCU.Hub.Quarantine;
using MCU.Hub.Records;
using MCU.Hub.Routing;
using MCU.Hub.Routing.Internal;
using MCU.Hub.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Intake;

/// <summary>The default <see cref="IMessageIntake"/>.</summary>
public sealed class IntakePipeline : IMessageIntake, IAsyncDisposable
{
    private readonly ChannelRegistry _channels;
    private readonly IMessageClassifier _classifier;
    private readonly IMessageRouter _router;
    private readonly IDeadlinePolicy _deadlines;
    private readonly HubEventFeed _feed;
    private readonly TimeProvider _time;
    private readonly McuHubOptions _options;
    private readonly IntakeWriter _writer;
    private readonly Tenants.TenantDirectory _tenants;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="store">The store.</param>
    /// <param name="channels">The known channels.</param>
    /// <param name="classifier">The classifier.</param>
    /// <param name="router">The router.</param>
    /// <param name="deadlines">The deadline policy.</param>
    /// <param name="feed">The event feed.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The engine options.</param>
    /// <param name="tenants">The municipalities the hub serves.</param>
    /// <param name="logger">The logger.</param>
    public IntakePipeline(
        IHubStore store,
        ChannelRegistry channels,
        IMessageClassifier classifier,
        IMessageRouter router,
        IDeadlinePolicy deadlines,
        HubEventFeed feed,
        TimeProvider time,
        IOptions<McuHubOptions> options,
        Tenants.TenantDirectory tenants,
        ILogger<IntakePipeline> logger)
    {
        _channels = channels;
        _classifier = classifier;
        _router = router;
        _deadlines = deadlines;
        _feed = feed;
        _time = time;
        _options = options.Value;
        _tenants = tenants;
        _writer = new IntakeWriter(store, _options.MaxCommitBatch, logger);
    }

    /// <inheritdoc />
    public Task<SubmitResult> SubmitAsync(string channel, InboundItem item, string actor, CancellationToken cancellationToken) =>
        SubmitAsync(_tenants.ForChannel(channel), channel, item, actor, cancellationToken);

    /// <inheritdoc />
    public async Task<SubmitResult> SubmitAsync(string tenant, string channel, InboundItem item, string actor, CancellationToken cancellationToken)
    {
        var error = InboundValidator.Validate(channel, item, _channels, _options.MaxTextLength);
        if (error is not null)
            throw error;
        var results = await SubmitBatchAsync(tenant, channel, [item], checkpoint: null, actor, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SubmitResult>> SubmitBatchAsync(string channel, IReadOnlyList<InboundItem> items, string? checkpoint, string actor, CancellationToken cancellationToken) =>
        SubmitBatchAsync(_tenants.ForChannel(channel), channel, items, checkpoint, actor, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<SubmitResult>> SubmitBatchAsync(string tenant, string channel, IReadOnlyList<InboundItem> items, string? checkpoint, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (!_tenants.Contains(tenant))
            throw new HubValidationException("tenant", $"муниципальное образование с кодом ОКТМО '{tenant}' не обслуживается этим узлом");
        return (await SubmitCoreAsync(tenant, channel, items, [], [], checkpoint, quarantineInvalid: false, actor, cancellationToken).ConfigureAwait(false)).Items;
    }

    /// <inheritdoc />
    public Task<PullOutcome> SubmitPullAsync(string channel, PullResult pull, string actor, CancellationToken cancellationToken) =>
        SubmitCoreAsync(_tenants.ForChannel(channel), channel, pull.Items, pull.Records, pull.Failures, pull.NextCheckpoint, quarantineInvalid: true, actor, cancellationToken);

    /// <summary>
    /// Registers items and records; with <paramref name="quarantineInvalid"/>, invalid items and the connector's failures
    /// are held in quarantine in the same transaction, so that the checkpoint can move on without losing them.
    /// </summary>
    private async Task<PullOutcome> SubmitCoreAsync(
        string tenant,
        string channel,
        IReadOnlyList<InboundItem> items,
        IReadOnlyList<ChannelRecord> records,
        IReadOnlyList<InboundFailure> failures,
        string? checkpoint,
        bool quarantineInvalid,
        string actor,
        CancellationToken cancellationToken)
    {
        var quarantine = new List<QuarantinedItem>();
        var results = new SubmitResult?[items.Count];
        var prepared = new List<IntakeItem>(items.Count);
        var positions = new List<int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var error = InboundValidator.Validate(channel, items[i], _channels, _options.MaxTextLength);
            if (error is not null)
            {
                results[i] = new(null, false, error);
                if (quarantineInvalid)
                    quarantine.Add(Hold(channel, items[i].ExternalId, QuarantinedItem.ItemPayload, JsonSerializer.Serialize(items[i]), error.Message));
                continue;
            }

            prepared.Add(Prepare(tenant, channel, items[i], actor));
            positions.Add(i);
        }

        var now = _time.GetUtcNow();
        var recordErrors = new List<HubValidationException>();
        var storedRecords = new List<StoredRecord>(records.Count);
        foreach (var record in records)
        {
            if (InboundValidator.ValidateRecord(channel, record, _channels) is { } error)
                recordErrors.Add(error);
            else
                storedRecords.Add(ToStored(channel, record, now));
        }

        foreach (var failure in quarantineInvalid ? failures : [])
            quarantine.Add(Hold(channel, failure.ExternalId, QuarantinedItem.RawPayload, failure.RawPayload, failure.Reason));

        var checkpoints = checkpoint is null
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?> { [channel] = checkpoint };
        if (prepared.Count == 0 && storedRecords.Count == 0 && quarantine.Count == 0 && checkpoints.Count == 0)
            return new(results!, 0, recordErrors) { Quarantined = 0 };

        // The call's audit entry rides with its change when the call is this one message (a unary submit).
        IReadOnlyList<IntakeAudit> audit = AuditScope.Current is { } scope && prepared.Count == 1 && items.Count == 1 && scope.TryClaim(_time)
            ? [new IntakeAudit(scope, 0)]
            : [];
        var batch = new IntakeBatch(prepared, checkpoints) { Records = storedRecords, Quarantine = quarantine, Audit = audit };
        var outcomes = await _writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        long lastSequence = 0;
        for (var j = 0; j < outcomes.Count; j++)
        {
            results[positions[j]] = new(outcomes[j].MessageId, outcomes[j].Duplicate, null);
            if (!outcomes[j].Duplicate)
            {
                foreach (var e in prepared[j].Events)
                    lastSequence = Math.Max(lastSequence, e.Sequence);
            }
        }

        if (lastSequence > 0)
            _feed.Publish(lastSequence);
        return new(results!, storedRecords.Count, recordErrors) { Quarantined = quarantine.Count };
    }

    private QuarantinedItem Hold(string channel, string? externalId, string kind, string payload, string reason) => new()
    {
        Id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(channel + "\n" + kind + "\n" + payload)))[..32].ToLowerInvariant(),
        Channel = channel,
        ExternalId = string.IsNullOrEmpty(externalId) ? null : externalId,
        PayloadKind = kind,
        Payload = payload,
        Reason = reason,
        QuarantinedAt = _time.GetUtcNow(),
        State = QuarantineState.Held,
    };

    private static StoredRecord ToStored(string channel, ChannelRecord record, DateTimeOffset now) => new()
    {
        Id = StoredRecord.KeyOf(channel, record.Type, record.ExternalId),
        Channel = channel,
        Type = record.Type,
        ExternalId = record.ExternalId,
        OccurredAt = record.OccurredAt,
        StoredAt = now,
        Fields = new(record.Fields),
    };

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private IntakeItem Prepare(string tenant, string channel, InboundItem item, string actor)
    {
        var now = _time.GetUtcNow();
        var message = new HubMessage
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Tenant = tenant,
            Kind = item.Kind,
            Channel = channel,
            ExternalId = item.ExternalId,
            Text = item.Text,
            AuthorName = item.Author?.Name,
            AuthorPhone = item.Author?.Phone,
            AuthorEmail = item.Author?.Email,
            AuthorIsOrganisation = item.Author?.IsOrganisation ?? false,
            Address = item.Address,
            Latitude = item.Latitude,
            Longitude = item.Longitude,
            SourceCategory = item.SourceCategory,
            SourceSubcategory = item.SourceSubcategory,
            ReceivedAt = item.CreatedAt,
            RegisteredAt = now,
            Status = MessageStatus.New,
            Attachments = [.. item.Attachments],
            Metadata = new(item.Metadata),
            UpdatedAt = now,
        };
        var history = new List<MessageHistoryEntry>
        {
            new()
            {
                MessageId = message.Id, At = now, Actor = actor, Action = "received",
                Comment = $"Поступило по каналу {channel}, внешний номер {item.ExternalId}",
            },
        };

        var classification = _classifier.Classify(message);
        message.Block = classification.Block;
        message.Category = classification.Category;
        message.Territory = classification.Territory;
        history.Add(Entry(message, now, "classified", classification.Reason,
            FieldChange.Of("block", null, message.Block),
            FieldChange.Of("category", null, message.Category),
            FieldChange.Of("territory", null, message.Territory)));

        var events = new List<HubEvent>
        {
            new() { Type = HubEventTypes.Received, MessageId = message.Id, Channel = channel, At = now, Summary = $"Поступило сообщение из канала {channel}" },
        };

        var routing = _router.Route(message);
        if (RoutingApplier.Apply(message, routing) is { } applied)
        {
            history.Add(Entry(message, now, applied.Action, applied.Comment, applied.Changes));
            if (applied.Routed)
                events.Add(new() { Type = HubEventTypes.Routed, MessageId = message.Id, Channel = channel, At = now, Summary = $"Направлено: {string.Join(", ", message.Recipients)}" });
            if (routing.Notify.Count > 0)
                events.Add(new() { Type = RoutingEventTypes.Notify, MessageId = message.Id, Channel = channel, At = now, Summary = $"Уведомить по автоправилу: {string.Join(", ", routing.Notify)}" });
        }

        var deadline = _deadlines.Compute(message, item.DueAt);
        message.DueAt = deadline.DueAt;
        message.DeadlinePolicy = deadline.Policy;
        history.Add(Entry(message, now, "deadline", $"Срок по политике «{deadline.Policy}»",
            FieldChange.Of("due_at", null, message.DueAt)));
        return new IntakeItem(message, history, events);
    }

    private static MessageHistoryEntry Entry(HubMessage message, DateTimeOffset at, string action, string comment, params FieldChange[] changes) =>
        new() { MessageId = message.Id, At = at, Actor = "system", Action = action, Comment = comment, Changes = [.. changes] };
}
