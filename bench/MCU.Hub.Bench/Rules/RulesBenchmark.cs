using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MCU.Hub.Classification;
using MCU.Hub.Messages;
using MCU.Hub.Routing;
using Microsoft.Extensions.Options;
using RulesEngine.Models;
using RE = RulesEngine.RulesEngine;

namespace MCU.Hub.Bench.Rules;

/// <summary>
/// Runs the same generated rule sets through our evaluator (<see cref="RuleRouter"/> on a <see cref="CompiledRuleSet"/>)
/// and through Microsoft RulesEngine, one after the other in one process, and prints messages per second for each.
/// </summary>
/// <remarks>
/// Each engine gets the same messages, raw: ours splits the text inside <c>Route</c>, and the RulesEngine adapter splits it
/// with <c>KeywordClassifier.Words</c> inside the timed loop. Both report the first matching rule in rule order: ours stops
/// there and builds its full decision; RulesEngine evaluates the whole workflow (<c>ExecuteAllRulesAsync</c>) and the
/// first success is taken, which is how it is used for first-match rules. Each size is measured for a fixed time, not a
/// fixed count, in alternating slices (ours, theirs, ours, …) after a warm-up, so that both engines see the same load
/// of a shared machine and the run stays short however slow an engine is. The run fails when the engines disagree on
/// any message measured.
/// </remarks>
internal static class RulesBenchmark
{
    private const string Workflow = "routing";

    private const int Slices = 8;

    private static readonly TimeSpan Warmup = TimeSpan.FromMilliseconds(500);

    /// <summary>Runs the benchmark and prints its table.</summary>
    /// <param name="options">The parsed options.</param>
    /// <returns>The exit code: 0, or 1 when the engines disagree.</returns>
    public static async Task<int> RunAsync(RulesOptions options)
    {
        var (sizes, seconds, messageCount) = options;
        var budget = TimeSpan.FromSeconds(seconds);
        var total = Stopwatch.StartNew();
        Console.WriteLine("# Routing rules: MCU.Hub evaluator vs Microsoft RulesEngine 6.0.1");
        Console.WriteLine($"# {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, " +
            $"{(Debugger.IsAttached ? "debugger" : "no debugger")}, {messageCount} messages per size, {seconds:0.#} s per engine and size; " +
            $"load average at the start: {LoadAverage()}");
        Console.WriteLine();

        var rows = new List<Row>();
        foreach (var size in sizes)
        {
            var row = await MeasureAsync(size, messageCount, budget);
            rows.Add(row);
            Console.Error.WriteLine($"  {size} rules done ({total.Elapsed.TotalSeconds:0} s)");
        }

        Console.WriteLine("| rules | MCU.Hub msgs/s | RulesEngine msgs/s | ratio | MCU.Hub compile | RulesEngine first call (compiles) | matched | agree |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Rules:N0} | {r.Ours:N0} | {r.Theirs:N0} | {r.Ours / r.Theirs:N0}× | {r.OurCompile.TotalMilliseconds:N1} ms | {r.TheirCompile.TotalMilliseconds:N0} ms | {r.MatchedShare:P0} | {r.Agreed}/{r.Compared} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# total run time {total.Elapsed.TotalSeconds:0} s; load average at the end: {LoadAverage()}"));
        var disagreements = rows.Sum(r => r.Compared - r.Agreed);
        if (disagreements > 0)
        {
            Console.Error.WriteLine($"The engines disagreed on {disagreements} messages: the comparison is void.");
            return 1;
        }

        return 0;
    }

    private static async Task<Row> MeasureAsync(int size, int messageCount, TimeSpan budget)
    {
        var rules = RuleSetGenerator.Rules(size);
        var messages = RuleSetGenerator.Messages(rules, messageCount);

        // Ours: compile, and route every message once for the reference answers.
        var compileWatch = Stopwatch.StartNew();
        var compiled = new RuleSetCompiler(RuleSetGenerator.Directory, RoutingOptions.DefaultRegexTimeout).Compile(rules);
        var ourCompile = compileWatch.Elapsed;
        var router = new RuleRouter(Options.Create(new McuHubOptions()));
        var expected = messages.Select(m => router.Route(m, compiled, explain: false).MatchedRules is [var name, ..] ? name : null).ToArray();

        // RulesEngine: the same rules as C# expressions over the same messages; its first call compiles the workflow.
        var engine = new RE([ToWorkflow(rules)], new ReSettings { CustomTypes = [typeof(Stems)] });
        compileWatch.Restart();
        var firstMatch = await FirstMatchAsync(engine, messages[0]);
        var theirCompile = compileWatch.Elapsed;
        var compared = 1;
        var agreed = firstMatch == expected[0] ? 1 : 0;

        // Warm both up, then measure in alternating slices so that both engines see the same machine load.
        var ourCount = 0L;
        var theirCount = 1L;
        var ourTime = TimeSpan.Zero;
        var theirTime = TimeSpan.Zero;
        for (var round = -1; round < Slices; round++)
        {
            var slice = round < 0 ? Warmup : budget / Slices;
            var watch = Stopwatch.StartNew();
            var n = 0L;
            while (watch.Elapsed < slice)
            {
                for (var k = 0; k < 64; k++)
                    router.Route(messages[(int)((ourCount + n++) % messages.Count)], compiled, explain: false);
            }

            if (round >= 0)
            {
                ourCount += n;
                ourTime += watch.Elapsed;
            }

            watch.Restart();
            n = 0;
            while (watch.Elapsed < slice)
            {
                var index = (int)((theirCount + n) % messages.Count);
                var match = await FirstMatchAsync(engine, messages[index]);
                n++;
                if (round >= 0 && compared < messages.Count)
                {
                    compared++;
                    if (match == expected[index])
                        agreed++;
                }
            }

            if (round >= 0)
            {
                theirCount += n;
                theirTime += watch.Elapsed;
            }
        }

        var ours = ourCount / ourTime.TotalSeconds;
        var theirs = (theirCount - 1) / theirTime.TotalSeconds;
        return new Row(size, ours, theirs, ourCompile, theirCompile, expected.Count(e => e is not null) / (double)expected.Length, compared, agreed);
    }

    /// <summary>The machine's load average (Linux), since other work on a shared machine moves every figure.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static async Task<string?> FirstMatchAsync(RE engine, HubMessage message)
    {
        var input = new RuleParameter("m", new BenchInput(message.Category, message.Block, KeywordClassifier.Words(message.Text)));
        var results = await engine.ExecuteAllRulesAsync(Workflow, input);
        foreach (var result in results)
        {
            if (result.IsSuccess)
                return result.Rule.RuleName;
        }

        return null;
    }

    private static Workflow ToWorkflow(IEnumerable<RoutingRule> rules) => new()
    {
        WorkflowName = Workflow,
        Rules =
        [
            .. rules.OrderBy(r => r.Order).Select(r => new Rule
            {
                RuleName = r.Name,
                SuccessEvent = r.Name,
                RuleExpressionType = RuleExpressionType.LambdaExpression,
                Expression = $"({string.Join(" || ", r.Categories.Select(c => $"m.Category == \"{c}\" || m.Block == \"{c}\""))}) && " +
                    $"({string.Join(" || ", r.AnyWords.Select(w => $"Stems.Has(m.Words, \"{w}\")"))})",
            }),
        ],
    };

    private sealed record Row(int Rules, double Ours, double Theirs, TimeSpan OurCompile, TimeSpan TheirCompile, double MatchedShare, int Compared, int Agreed);
}
