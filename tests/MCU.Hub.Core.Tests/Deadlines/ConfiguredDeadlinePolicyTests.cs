using MCU.Hub.Deadlines;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Messages;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Core.Tests.Deadlines;

public sealed class ConfiguredDeadlinePolicyTests
{
    private static readonly TimeSpan Msk = TimeSpan.FromHours(3);

    private static ConfiguredDeadlinePolicy Policy(Action<DeadlineOptions>? configure = null)
    {
        var options = new McuHubOptions();
        configure?.Invoke(options.Deadlines);
        var calendar = new WorkingCalendar(new ProductionCalendar(options.Deadlines.Calendar), options.Deadlines.Schedule);
        return new ConfiguredDeadlinePolicy(Options.Create(options), new DeadlineCalculator(calendar));
    }

    private static HubMessage Message(MessageKind kind, DateTimeOffset registered) =>
        new() { Kind = kind, Channel = "pos", RegisteredAt = registered, Text = "т" };

    [Fact]
    public void Compute_AppealEndingOnASunday_MovesToTheNextWorkingDay()
    {
        // Registered Friday 1 March 2024: day 30 is Sunday 31 March, so the period ends on Monday 1 April.
        var decision = Policy().Compute(Message(MessageKind.Appeal, new DateTimeOffset(2024, 3, 1, 15, 0, 0, Msk)), null);

        Assert.Equal(DeadlineDefaults.Appeal, decision.Policy);
        Assert.Equal(new DateTimeOffset(2024, 4, 2, 0, 0, 0, Msk), decision.DueAt);
    }

    [Fact]
    public void Compute_AppealEndingOnTheNewYearHolidays_MovesPastThem()
    {
        // Registered 4 December 2025: day 30 is Saturday 3 January 2026, inside the holidays that end on 11 January.
        var decision = Policy().Compute(Message(MessageKind.Appeal, new DateTimeOffset(2025, 12, 4, 11, 0, 0, Msk)), null);
        Assert.Equal(new DateTimeOffset(2026, 1, 13, 0, 0, 0, Msk), decision.DueAt);
    }

    [Fact]
    public void Compute_PreviousWorkingDayRule_MovesBack()
    {
        var policy = Policy(d => d.Policies = [new DeadlinePolicyDefinition { Name = DeadlineDefaults.Appeal, Unit = DeadlineUnit.CalendarDays, Amount = 30, OnNonWorkingDay = NonWorkingDayEnd.PreviousWorkingDay }]);
        var decision = policy.Compute(Message(MessageKind.Appeal, new DateTimeOffset(2024, 3, 1, 15, 0, 0, Msk)), null);
        Assert.Equal(new DateTimeOffset(2024, 3, 30, 0, 0, 0, Msk), decision.DueAt);
    }

    [Fact]
    public void Compute_IncidentInWorkingHours_SkipsTheNightAndTheWeekend()
    {
        // Friday 15:00 + 9 working hours: 15–18 Friday (3 h, lunch is over), Monday 9–13 (4 h) and 14–16 (2 h).
        var incident = Message(MessageKind.Incident, new DateTimeOffset(2026, 11, 20, 15, 0, 0, Msk));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 16, 0, 0, Msk), Policy().Compute(incident, null).DueAt);

        incident.Metadata["important"] = "true";
        var important = Policy().Compute(incident, null);
        Assert.Equal(DeadlineDefaults.ImportantIncident, important.Policy);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, Msk), important.DueAt);
    }

    [Fact]
    public void Compute_ChannelDeadline_WinsForMessagesButNotForAppeals()
    {
        var channelDue = new DateTimeOffset(2026, 12, 1, 12, 0, 0, Msk);
        var registered = new DateTimeOffset(2026, 11, 20, 10, 0, 0, Msk);

        Assert.Equal(new DeadlineDecision(channelDue, ConfiguredDeadlinePolicy.ChannelPolicy), Policy().Compute(Message(MessageKind.Message, registered), channelDue));
        Assert.Equal(DeadlineDefaults.Appeal, Policy().Compute(Message(MessageKind.Appeal, registered), channelDue).Policy);
    }

    [Fact]
    public void Compute_EmergencyCall_HasNoDeadline() =>
        Assert.Equal(new DeadlineDecision(null, ConfiguredDeadlinePolicy.NoPolicy), Policy().Compute(Message(MessageKind.EmergencyCall, DateTimeOffset.UnixEpoch), null));

    [Fact]
    public void Compute_AssignmentBySubcategoryAndRuleChoice_PickTheNamedPolicy()
    {
        var policy = Policy(d =>
        {
            d.Policies = [new DeadlinePolicyDefinition { Name = "pos-heating", Unit = DeadlineUnit.WorkingDays, Amount = 1, PreferChannelDeadline = false }];
            d.Assignments = [new DeadlineAssignment { Policy = "pos-heating", SourceSubcategories = ["Отопление"] }, new DeadlineAssignment { Policy = DeadlineDefaults.Message }];
        });
        var registered = new DateTimeOffset(2026, 11, 20, 10, 0, 0, Msk);
        var heating = Message(MessageKind.Message, registered);
        heating.SourceSubcategory = "Отопление";

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, Msk), policy.Compute(heating, null).DueAt);
        var ruled = Message(MessageKind.Message, registered);
        ruled.DeadlinePolicy = "pos-heating";
        Assert.Equal("pos-heating", policy.Compute(ruled, null).Policy);
    }

    [Fact]
    public void Compute_RegionalHolidayOverride_ShiftsTheDeadline()
    {
        // A regional holiday on Monday 1 April 2024 pushes the appeal of 1 March to Tuesday 2 April.
        var policy = Policy(d => d.Calendar.Overrides = [new CalendarOverride(new DateOnly(2024, 4, 1), SpecialDayKinds.Holiday)]);
        Assert.Equal(new DateTimeOffset(2024, 4, 3, 0, 0, 0, Msk), policy.Compute(Message(MessageKind.Appeal, new DateTimeOffset(2024, 3, 1, 15, 0, 0, Msk)), null).DueAt);
    }

    [Fact]
    public void Compute_AnotherTimeZone_EndsAtLocalMidnight()
    {
        var policy = Policy(d => d.Schedule.TimeZone = "Asia/Novosibirsk");
        var due = policy.Compute(Message(MessageKind.Appeal, new DateTimeOffset(2024, 3, 1, 15, 0, 0, Msk)), null).DueAt!.Value;
        Assert.Equal(new DateTimeOffset(2024, 4, 2, 0, 0, 0, TimeSpan.FromHours(7)), due);
    }
}
