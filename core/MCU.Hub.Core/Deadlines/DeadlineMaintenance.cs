using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MCU.Hub.Messages;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Deadlines;

/// <summary>
/// Keeps stored deadlines true to the settings: when the calendar, the schedule or the policies changed since the last
/// run, every open message's deadline is recomputed, each change recorded in its history.
/// </summary>
public sealed class DeadlineMaintenance
{
    private const string FingerprintKey = "deadline-settings-fingerprint";
    private static readonly MessageStatus[] OpenStatuses = [.. Enum.GetValues<MessageStatus>().Where(MessageStatusTransitions.IsOpen)];

    private readonly IHubStore _store;
    private readonly MessageOperations _operations;
    private readonly DeadlineOptions _options;

    /// <summary>Creates the service.</summary>
    /// <param name="store">The store.</param>
    /// <param name="operations">The message operations.</param>
    /// <param name="options">The engine options.</param>
    public DeadlineMaintenance(IHubStore store, MessageOperations operations, IOptions<McuHubOptions> options)
    {
        _store = store;
        _operations = operations;
        _options = options.Value.Deadlines;
    }

    /// <summary>Recomputes open deadlines if the deadline settings changed since the last call.</summary>
    /// <param name="cancellationToken">Stops the work; what was recomputed stays.</param>
    /// <returns>How many deadlines moved.</returns>
    public async Task<int> RecomputeIfSettingsChangedAsync(CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(_options);
        var stored = await _store.GetSettingAsync(FingerprintKey, cancellationToken).ConfigureAwait(false);
        if (stored == fingerprint)
            return 0;

        var moved = 0;
        if (stored is not null)
        {
            string? cursor = null;
            do
            {
                var page = await _store.ListMessagesAsync(new MessageQuery { Statuses = OpenStatuses, PageSize = 500, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
                foreach (var message in page.Items)
                {
                    if (await _operations.RecomputeDeadlineAsync(message.Id, "изменены производственный календарь, график или политики сроков", "system", cancellationToken).ConfigureAwait(false))
                        moved++;
                }

                cursor = page.NextCursor;
            }
            while (cursor is not null);
        }

        await _store.SetSettingAsync(FingerprintKey, fingerprint, cancellationToken).ConfigureAwait(false);
        return moved;
    }

    private static string Fingerprint(DeadlineOptions options)
    {
        var calendarFile = options.Calendar.ExtraCsvPath is { } path && File.Exists(path) ? File.ReadAllText(path) : "";
        var json = JsonSerializer.Serialize(new
        {
            Schedule = options.Schedule,
            Overrides = options.Calendar.Overrides.Select(o => o.ToString()),
            calendarFile,
            Policies = options.EffectivePolicies().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value),
            Shipped = typeof(DeadlineMaintenance).Assembly.ManifestModule.ModuleVersionId,
        });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}
