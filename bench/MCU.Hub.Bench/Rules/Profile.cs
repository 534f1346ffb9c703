using System.Diagnostics;
using MCU.Hub.Classification;
using MCU.Hub.Routing;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Bench.Rules;

internal static class Profile
{
    public static int Run()
    {
        var rules = RuleSetGenerator.Rules(10);
        var messages = RuleSetGenerator.Messages(rules, 2000);
        var compiled = new RuleSetCompiler(RuleSetGenerator.Directory, RoutingOptions.DefaultRegexTimeout).Compile(rules);
        var empty = new RuleSetCompiler(RuleSetGenerator.Directory, RoutingOptions.DefaultRegexTimeout).Compile([]);
        var compiler = new RuleSetCompiler(RuleSetGenerator.Directory, RoutingOptions.DefaultRegexTimeout);
        var catOnly = compiler.Compile(rules.Select(r => new RoutingRule { Name = r.Name, Order = r.Order, Categories = r.Categories, Recipients = r.Recipients }));
        var wordsOnly = compiler.Compile(rules.Select(r => new RoutingRule { Name = r.Name, Order = r.Order, AnyWords = r.AnyWords, Recipients = r.Recipients }));
        var noMatch = compiler.Compile([new RoutingRule { Name = "x", AnyWords = ["щщщщ"] }]);
        var tw = typeof(RuleRouter).Assembly.GetType("MCU.Hub.Routing.Internal.TextWords")!;
        var sharedMethod = tw.GetMethod("Shared")!;
        var shared = (Func<string, object>)Delegate.CreateDelegate(typeof(Func<string, object>), sharedMethod);
        var router = new RuleRouter(Options.Create(new McuHubOptions()));
        Console.WriteLine($"avg text length {messages.Average(m => m.Text.Length):0}, words {messages.Average(m => KeywordClassifier.Words(m.Text).Length):0.0}");
        for (var round = 0; round < 2; round++)
        {
            Time("baseline", i => messages[i % 2000].Text.Length);
            Time("TextWords.Shared", i => shared(messages[i % 2000].Text) is null ? 0 : 1);
            Time("KeywordClassifier.Words", i => KeywordClassifier.Words(messages[i % 2000].Text).Length);
            Time("Route empty set", i => router.Route(messages[i % 2000], empty, false).Recipients.Count);
            Time("Route 10 rules", i => router.Route(messages[i % 2000], compiled, false).Recipients.Count);
            Time("Route 10 cat-only", i => router.Route(messages[i % 2000], catOnly, false).Recipients.Count);
            Time("Route 10 words-only", i => router.Route(messages[i % 2000], wordsOnly, false).Recipients.Count);
            Time("Route 1 rule never", i => router.Route(messages[i % 2000], noMatch, false).Recipients.Count);
        }

        return 0;
    }

    private static void Time(string name, Func<int, int> body)
    {
        var watch = Stopwatch.StartNew();
        var n = 0;
        var sink = 0;
        while (watch.ElapsedMilliseconds < 1000)
        {
            for (var k = 0; k < 256; k++)
                sink += body(n++);
        }

        Console.WriteLine($"{name,-30} {watch.Elapsed.TotalNanoseconds / n,8:0} ns  ({sink % 2})");
    }
}
