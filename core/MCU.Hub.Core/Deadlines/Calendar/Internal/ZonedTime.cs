namespace MCU.Hub.Deadlines.Calendar.Internal;

/// <summary>Conversions between instants and the local wall clock of a time zone.</summary>
internal static class ZonedTime
{
    /// <summary>
    /// The instant of a local time on <paramref name="date"/>. A time skipped by a clock change is read with the
    /// offset in force before the change (so it lands just after it); a repeated time is its earlier instant.
    /// </summary>
    public static DateTimeOffset ToInstant(TimeZoneInfo zone, DateOnly date, TimeSpan timeOfDay)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).Add(timeOfDay);
        if (zone.IsAmbiguousTime(local))
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());

        if (zone.IsInvalidTime(local))
        {
            var before = local;
            while (zone.IsInvalidTime(before))
                before = before.AddMinutes(-15);
            return new DateTimeOffset(local, zone.GetUtcOffset(before));
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The local calendar date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
