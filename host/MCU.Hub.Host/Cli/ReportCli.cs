using System.CommandLine;
using MCU.Hub.Intake;
using MCU.Hub.Reports;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Cli;

/// <summary>
/// <c>report weekly --week 2026-W47 --format xlsx --out file</c> (and <c>monthly --month</c>, <c>quarterly --quarter</c>,
/// <c>annual --year</c>): generates a report from the hub's database, stores it like any other and writes the file.
/// </summary>
internal static class ReportCli
{
    public static Command Command(IConfiguration configuration, TextWriter output, TextWriter error)
    {
        var command = new Command("report", "Сформировать отчёт МЦУ: еженедельный, ежемесячный, ежеквартальный, ежегодный");
        command.Subcommands.Add(Kind(ReportKind.Weekly, "weekly", "--week", "Неделя ISO, например 2026-W47", configuration, output, error));
        command.Subcommands.Add(Kind(ReportKind.Monthly, "monthly", "--month", "Месяц, например 2026-11", configuration, output, error));
        command.Subcommands.Add(Kind(ReportKind.Quarterly, "quarterly", "--quarter", "Квартал, например 2026-Q4", configuration, output, error));
        command.Subcommands.Add(Kind(ReportKind.Annual, "annual", "--year", "Год, например 2026", configuration, output, error));
        return command;
    }

    private static Command Kind(ReportKind kind, string name, string periodName, string periodDescription, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        var period = new Option<string>(periodName) { Description = periodDescription, Required = true };
        var format = new Option<string>("--format") { Description = "Формат файла: xlsx или html", DefaultValueFactory = _ => "xlsx" };
        format.AcceptOnlyFromAmong([.. ReportOptions.KnownFormats]);
        var outPath = new Option<string>("--out") { Description = "Куда записать файл", Required = true };
        var command = new Command(name, ReportPeriod.TitleOf(kind)) { period, format, outPath };
        command.SetAction(parse => Generate(kind, parse.GetValue(period)!, parse.GetValue(format)!, parse.GetValue(outPath)!, configuration, output, error));
        return command;
    }

    private static int Generate(ReportKind kind, string key, string format, string outPath, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        ReportPeriod period;
        try
        {
            period = ReportPeriod.Parse(kind, key);
        }
        catch (HubValidationException ex)
        {
            error.WriteLine($"{(kind == ReportKind.Weekly ? "--week" : kind == ReportKind.Monthly ? "--month" : kind == ReportKind.Quarterly ? "--quarter" : "--year")}: {ex.Problem}");
            return 2;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMcuHub(configuration.GetSection(McuHubOptions.SectionName)).UseConfiguredStorage(configuration.GetSection(McuHubOptions.SectionName));
        try
        {
            using var provider = services.BuildServiceProvider();
            var reports = provider.GetRequiredService<ReportService>();
            var stored = reports.GenerateAsync(period, [format], "cli", Environment.UserName, CancellationToken.None).GetAwaiter().GetResult();
            var bytes = reports.GetContentAsync(stored.Id, format, CancellationToken.None).GetAwaiter().GetResult()!;
            var directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (!string.IsNullOrEmpty(directory))
                System.IO.Directory.CreateDirectory(directory);
            File.WriteAllBytes(outPath, bytes);
            output.WriteLine($"{stored.Title}, {period.Description}: {outPath} ({bytes.Length} байт), отчёт {stored.Id} сохранён в базе");
            return 0;
        }
        catch (IOException ex)
        {
            error.WriteLine($"Не удалось открыть базу или записать файл: {ex.Message}. Если хост запущен, база занята им — сформируйте отчёт через gRPC (ReportService.GenerateReport).");
            return 1;
        }
        catch (OptionsValidationException ex)
        {
            error.WriteLine($"Конфигурация: {string.Join("; ", ex.Failures)}");
            return 2;
        }
    }
}
