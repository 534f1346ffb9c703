using MCU.Hub.Messages;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Deadlines;

/// <summary>
/// The default deadline policy: calendar days per message kind, ending at local midnight of the municipality.
/// </summary>
/// <remarks>
/// 59-ФЗ counts the period from the day after registration, so an appeal registered on 1 March is due at the
/// end of 31 March. A deadline the channel itself set (ПОС) is kept.
/// </remarks>
public sealed class DefaultDeadlinePolicy : IDeadlinePolicy
{
    private readonly DeadlineOptions _options;
    private readonly TimeZoneInfo _zone;

    /// <summary>Creates the policy.</summary>
    /// <param name="options">The engine options.</param>
    public DefaultDeadlinePolicy(IOptions<McuHubOptions> options)
    {
        _options = options.Value.Deadlines;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(_options.TimeZone);
    }

    /// <inheritdoc />
    public DeadlineDecision Compute(HubMessage message, DateTimeOffset? sourceDueAt)
    {
        if (sourceDueAt is { } due)
            return new(due, "channel");

        return message.Kind switch
        {
            MessageKind.Appeal => new(EndOfLocalDay(message.RegisteredAt, _options.AppealAnswerDays), "appeal-59fz"),
            MessageKind.Message when message.FastTrack => new(EndOfLocalDay(message.RegisteredAt, _options.FastTrackAnswerDays), "fast-track"),
            MessageKind.Message => new(EndOfLocalDay(message.RegisteredAt, _options.MessageAnswerDays), "message"),
            MessageKind.Incident => new(message.RegisteredAt.AddHours(_options.IncidentReplyHours), "incident"),
            _ => new(null, "none"),
        };
    }

    /// <summary>The end of the <paramref name="days"/>-th local day after the day of <paramref name="start"/>.</summary>
    private DateTimeOffset EndOfLocalDay(DateTimeOffset start, int days)
    {
        var local = TimeZoneInfo.ConvertTime(start, _zone);
        var endDate = local.Date.AddDays(days + 1);
        return new DateTimeOffset(endDate, _zone.GetUtcOffset(endDate));
    }
}
