using System.CommandLine;
using System.Globalization;
using MCU.Hub.Deadlines;
using MCU.Hub.Deadlines.Calendar;

namespace MCU.Hub.Host.Cli;

/// <summary>
/// The host's command line: <c>calendar</c>, <c>deadline</c>, <c>report</c>, <c>apikey</c> and <c>migrate</c>. They read the same configuration as the host
/// (appsettings.json beside the host, <c>McuHub__...</c> environment variables), so a municipality's regional
/// holidays and policies apply.
/// </summary>
public static class HostCli
{
    private static readonly string[] Commands = ["calendar", "deadline", "report", "apikey", "migrate"];

    /// <summary>Tells whether <paramref name="args"/> start with a command rather than host settings.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns><see langword="true"/> when a command should run instead of the host.</returns>
    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal);

    /// <summary>Runs a command.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="configuration">The configuration; <see langword="null"/> reads the host's.</param>
    /// <returns>The exit code: 0 on success, 2 on bad input.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error, IConfiguration? configuration = null)
    {
        configuration ??= new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(McuHubOptions.SectionName).Get<McuHubOptions>() ?? new McuHubOptions();

        var root = new RootCommand("MCU.Hub — интеграционный хаб муниципального центра управления");
        root.Subcommands.Add(CalendarCommand(options, output, error));
        root.Subcommands.Add(DeadlineCommand(options, output, error));
        root.Subcommands.Add(ReportCli.Command(configuration, output, error));
        root.Subcommands.Add(ApiKeyCli.Command(output, error));
        root.Subcommands.Add(MigrateCli.Command(options, output, error));
        var parsed = root.Parse(args);
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static Command CalendarCommand(McuHubOptions options, TextWriter output, TextWriter error)
    {
        var year = new Argument<int>("year") { Description = "Год, например 2026" };
        var format = new Option<string>("--format") { Description = "Формат: csv (date,kind) или text", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "text");
        var command = new Command("calendar", "Особые дни производственного календаря за год: праздники, перенесённые рабочие дни, сокращённые дни") { year, format };
        command.SetAction(parse =>
        {
            var y = parse.GetValue(year);
            if (y is < 1900 or > 2200)
            {
                error.WriteLine($"year: год {y} вне диапазона 1900–2200");
                return 2;
            }

            var calendar = new ProductionCalendar(options.Deadlines.Calendar);
            if (!calendar.Covers(y))
                error.WriteLine($"Внимание: {y} год не покрыт данными календаря ({string.Join(", ", calendar.Years)}); показаны только праздники ст. 112 ТК РФ без переносов.");
            if (parse.GetValue(format) == "text")
            {
                foreach (var (date, kind) in calendar.SpecialDates(y))
                    output.WriteLine($"{date:dd.MM.yyyy} {date.ToString("ddd", Russian)}  {DescribeKind(kind)}");
                var working = Enumerable.Range(0, DateTime.IsLeapYear(y) ? 366 : 365).Count(d => calendar.IsWorkingDay(new DateOnly(y, 1, 1).AddDays(d)));
                output.WriteLine($"Рабочих дней: {working}");
            }
            else
            {
                calendar.WriteCsv(y, output);
            }

            return 0;
        });
        return command;
    }

    private static Command DeadlineCommand(McuHubOptions options, TextWriter output, TextWriter error)
    {
        var received = new Option<string>("--received") { Description = "Время регистрации, ISO 8601 (2026-11-20T10:00:00+03:00)", Required = true };
        var policyOption = new Option<string>("--policy") { Description = "Политика сроков, например appeal-59fz", Required = true };
        var extension = new Option<double>("--extension") { Description = "Продление в единицах политики", DefaultValueFactory = _ => 0 };
        var command = new Command("deadline", "Срок ответа по политике сроков на производственном календаре") { received, policyOption, extension };
        command.SetAction(parse =>
        {
            if (!DateTimeOffset.TryParse(parse.GetValue(received), CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            {
                error.WriteLine($"--received: «{parse.GetValue(received)}» — не время ISO 8601");
                return 2;
            }

            var policies = options.Deadlines.EffectivePolicies();
            var name = parse.GetValue(policyOption)!;
            if (!policies.TryGetValue(name, out var policy))
            {
                error.WriteLine($"--policy: неизвестная политика «{name}»; есть: {string.Join(", ", policies.Keys.Order(StringComparer.Ordinal))}");
                return 2;
            }

            var calendar = new WorkingCalendar(new ProductionCalendar(options.Deadlines.Calendar), options.Deadlines.Schedule);
            var due = new DeadlineCalculator(calendar).Due(policy, start, parse.GetValue(extension));
            output.WriteLine(due.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }

    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    private static string DescribeKind(string kind) => kind switch
    {
        SpecialDayKinds.Holiday => "нерабочий праздничный (или перенесённый выходной) день",
        SpecialDayKinds.Workday => "рабочий день (перенос выходного)",
        SpecialDayKinds.ShortDay => "сокращённый предпраздничный рабочий день",
        _ => kind,
    };
}
