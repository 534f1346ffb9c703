using MCU.Hub.Host.Cli;
using Microsoft.Extensions.Configuration;

namespace MCU.Hub.Host.Tests.Cli;

public sealed class HostCliReportTests
{
    [Fact]
    public void Report_weekly_writes_the_workbook_and_a_bad_week_names_the_option()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["McuHub:DatabasePath"] = Path.Combine(folder, "hub.db") }).Build();
        var output = new StringWriter();
        var error = new StringWriter();
        var file = Path.Combine(folder, "out", "weekly.xlsx");

        var exit = HostCli.Run(["report", "weekly", "--week", "2026-W47", "--format", "xlsx", "--out", file], output, error, configuration);

        Assert.Equal(0, exit);
        Assert.Empty(error.ToString());
        Assert.Contains("Еженедельный аналитический отчёт", output.ToString(), StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(file);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(bytes, 0, 2));

        var badError = new StringWriter();
        Assert.Equal(2, HostCli.Run(["report", "weekly", "--week", "2026-47", "--out", file], new StringWriter(), badError, configuration));
        Assert.StartsWith("--week", badError.ToString(), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
