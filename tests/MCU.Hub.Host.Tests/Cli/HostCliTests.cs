using MCU.Hub.Host.Cli;
using Microsoft.Extensions.Configuration;

namespace MCU.Hub.Host.Tests.Cli;

public sealed class HostCliTests
{
    private static (int Exit, string Output, string Error) Run(IDictionary<string, string?>? settings, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var exit = HostCli.Run(args, output, error, configuration);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Calendar_2024Csv_ListsTheSpecialDatesInTheShippedFormat()
    {
        var (exit, output, error) = Run(null, "calendar", "2024", "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,kind", lines[0]);
        Assert.Contains("2024-01-08,holiday", lines);
        Assert.Contains("2024-04-27,workday", lines);
        Assert.Contains("2024-11-02,short", lines);
        Assert.Contains("2024-12-31,holiday", lines);
        Assert.Equal(lines.Skip(1).Order(StringComparer.Ordinal), lines.Skip(1));
    }

    [Fact]
    public void Calendar_RegionalHolidayInConfiguration_AppearsInTheYear()
    {
        var settings = new Dictionary<string, string?> { ["McuHub:Deadlines:Calendar:Overrides:0"] = "2026-08-30" };
        var (_, output, _) = Run(settings, "calendar", "2026");
        Assert.Contains("2026-08-30,holiday", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Calendar_YearOutsideTheData_WarnsAndFallsBackToTheLabourCode()
    {
        var (exit, output, error) = Run(null, "calendar", "2031");
        Assert.Equal(0, exit);
        Assert.Contains("2031", error, StringComparison.Ordinal);
        Assert.Contains("2031-06-12,holiday", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("appeal-59fz", "2024-03-01T15:00:00+03:00", "2024-04-02T00:00:00+03:00")]
    [InlineData("incident", "2026-11-20T15:00:00+03:00", "2026-11-23T16:00:00+03:00")]
    [InlineData("message", "2026-12-25T10:00:00+03:00", "2027-01-20T00:00:00+03:00")]
    public void Deadline_KnownPolicy_PrintsTheDueTime(string policy, string received, string due)
    {
        var (exit, output, _) = Run(null, "deadline", "--received", received, "--policy", policy);
        Assert.Equal(0, exit);
        Assert.Equal(due, output.Trim());
    }

    [Fact]
    public void Deadline_BadInput_ExitsTwoNamingTheOption()
    {
        var badTime = Run(null, "deadline", "--received", "вчера", "--policy", "appeal-59fz");
        var badPolicy = Run(null, "deadline", "--received", "2026-11-20T10:00:00+03:00", "--policy", "nope");

        Assert.Equal(2, badTime.Exit);
        Assert.StartsWith("--received:", badTime.Error, StringComparison.Ordinal);
        Assert.Equal(2, badPolicy.Exit);
        Assert.StartsWith("--policy:", badPolicy.Error, StringComparison.Ordinal);
        Assert.Contains("appeal-59fz", badPolicy.Error, StringComparison.Ordinal);
    }
}
