using System.Text.Json;
using MCU.Hub.Channels;
using MCU.Hub.Intake;
using MCU.Hub.Storage;

namespace MCU.Hub.Quarantine;

/// <summary>Replays quarantined items after a fix, or discards them; every outcome is recorded on the item.</summary>
public sealed class QuarantineOperations
{
    private readonly IHubStore _store;
    private readonly IMessageIntake _intake;
    private readonly TimeProvider _time;

    /// <summary>Creates the operations.</summary>
    /// <param name="store">The store.</param>
    /// <param name="intake">The intake that registers a replayed item.</param>
    /// <param name="time">The clock.</param>
    public QuarantineOperations(IHubStore store, IMessageIntake intake, TimeProvider time)
    {
        _store = store;
        _intake = intake;
        _time = time;
    }

    /// <summary>
    /// Registers a held item again — through the intake, so it is validated, deduplicated and routed like any other.
    /// A raw payload is read by the channel's connector first (<paramref name="parser"/>).
    /// </summary>
    /// <param name="id">The quarantined item's id.</param>
    /// <param name="parser">The channel connector's parser for raw payloads, or <see langword="null"/> when it has none.</param>
    /// <param name="actor">Who replays it.</param>
    /// <param name="cancellationToken">Cancels the replay.</param>
    /// <returns>The item, now <see cref="QuarantineState.Replayed"/>.</returns>
    /// <exception cref="HubValidationException">It is not held, or is still invalid (the reason is recorded on the item).</exception>
    /// <exception cref="KeyNotFoundException">There is no such item.</exception>
    public async Task<QuarantinedItem> ReplayAsync(string id, IRawItemParser? parser, string actor, CancellationToken cancellationToken)
    {
        var held = await GetHeldAsync(id, cancellationToken).ConfigureAwait(false);
        SubmitResult result;
        try
        {
            var item = held.PayloadKind == QuarantinedItem.RawPayload
                ? (parser ?? throw new HubValidationException("id", $"коннектор канала {held.Channel} не умеет перечитывать исходные данные; исправьте коннектор или отклоните запись")).Parse(held.Payload)
                : JsonSerializer.Deserialize<InboundItem>(held.Payload) ?? throw new InvalidDataException("пустые данные");
            result = await _intake.SubmitAsync(held.Channel, item, actor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HubValidationException or InvalidDataException or JsonException)
        {
            held.LastReplayError = ex.Message;
            await _store.SaveQuarantinedAsync(held, cancellationToken).ConfigureAwait(false);
            throw ex as HubValidationException ?? new HubValidationException("payload", ex.Message);
        }

        held.State = QuarantineState.Replayed;
        held.MessageId = result.MessageId;
        held.ResolvedAt = _time.GetUtcNow();
        held.ResolvedBy = actor;
        held.LastReplayError = null;
        await _store.SaveQuarantinedAsync(held, cancellationToken).ConfigureAwait(false);
        return held;
    }

    /// <summary>Discards a held item: it will not be registered.</summary>
    /// <param name="id">The quarantined item's id.</param>
    /// <param name="actor">Who discards it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The item, now <see cref="QuarantineState.Discarded"/>.</returns>
    public async Task<QuarantinedItem> DiscardAsync(string id, string actor, CancellationToken cancellationToken)
    {
        var held = await GetHeldAsync(id, cancellationToken).ConfigureAwait(false);
        held.State = QuarantineState.Discarded;
        held.ResolvedAt = _time.GetUtcNow();
        held.ResolvedBy = actor;
        await _store.SaveQuarantinedAsync(held, cancellationToken).ConfigureAwait(false);
        return held;
    }

    private async Task<QuarantinedItem> GetHeldAsync(string id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new HubValidationException("id", "идентификатор записи карантина не указан");
        var held = await _store.GetQuarantinedAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"записи карантина '{id}' нет");
        if (held.State != QuarantineState.Held)
            throw new HubValidationException("id", $"запись карантина уже обработана ({held.State})");
        return held;
    }
}
