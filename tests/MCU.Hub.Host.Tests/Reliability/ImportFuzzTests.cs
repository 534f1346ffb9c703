using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace MCU.Hub.Host.Tests.Reliability;

/// <summary>
/// Mutated export files (.xlsx, .csv) through <c>ImportFile</c> of the ПОС and «Инцидент Менеджмент» plugins, and mutated
/// rule sets (JSON) through <c>SaveRuleSet</c>: a clear refusal or a report of bad rows, never a fault, never a hang.
/// </summary>
/// <remarks><c>MCU_HUB_FUZZ_SECONDS</c> (default 30) and <c>MCU_HUB_FUZZ_SEED</c> as in <see cref="GrpcFuzzTests"/>.</remarks>
public sealed class ImportFuzzTests(ITestOutputHelper output)
{
    private static readonly HashSet<StatusCode> Expected = [StatusCode.OK, StatusCode.InvalidArgument, StatusCode.ResourceExhausted, StatusCode.FailedPrecondition];

    [Fact]
    public async Task ImportFileAndSaveRuleSet_MutatedFiles_ClearErrorsOnlyAndTheHostStillServes()
    {
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("MCU_HUB_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out var sec) ? sec : 30;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MCU_HUB_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount;
        output.WriteLine($"fuzzing imports for {seconds} s, seed {seed} (MCU_HUB_FUZZ_SEED={seed} replays it)");
        var random = new Random(seed);

        var settings = new Dictionary<string, string?>(ReliabilityGrpc.HostSettings)
        {
            ["McuHub:Host:PluginsPath"] = "plugins",
            ["McuHub:Host:MaxImportBytes"] = "2000000",
            ["McuHub:Channels:pos:Enabled"] = "true",
            ["McuHub:Channels:pos:Poll"] = "false",
            ["McuHub:Channels:pos:Settings:BaseAddress"] = "https://pos.example.invalid/",
            ["McuHub:Channels:incident-management:Enabled"] = "true",
            ["McuHub:Channels:incident-management:Poll"] = "false",
            ["McuHub:Channels:incident-management:Settings:BaseAddress"] = "https://im.example.invalid/",
        };
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), settings);
        using var channel = ReliabilityGrpc.CreateChannel(host.Address);
        var imports = new ImportService.ImportServiceClient(channel);
        var rules = new RuleService.RuleServiceClient(channel);
        var ruleJson = (await rules.GetRuleSetAsync(new GetRuleSetRequest())).Json;

        var xlsx = PosXlsx();
        var csv = Encoding.UTF8.GetBytes(string.Join("\n", PosRows().Select(r => string.Join(';', r.Select(v => v is DateTime d ? d.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture) : v?.ToString())))));
        var csv1251 = CodePagesEncodingProvider.Instance.GetEncoding(1251)!.GetBytes(Encoding.UTF8.GetString(csv));
        var statuses = new Dictionary<string, int>();
        var failures = new List<string>();
        var calls = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds && failures.Count < 10)
        {
            var kind = random.Next(4);
            var (what, status) = kind switch
            {
                0 => ("xlsx", await ImportAsync(imports, random, "Выгрузка.xlsx", random.Next(3) == 0 ? Mutate(random, xlsx) : MutateInside(random, xlsx))),
                1 => ("csv", await ImportAsync(imports, random, "Выгрузка.csv", Mutate(random, random.Next(2) == 0 ? csv : csv1251))),
                2 => ("json", await SaveRulesAsync(rules, Encoding.UTF8.GetString(Mutate(random, Encoding.UTF8.GetBytes(ruleJson))))),
                _ => ("json-text", await SaveRulesAsync(rules, MutateText(random, ruleJson))),
            };
            calls++;
            var key = $"{what} {status.StatusCode}";
            statuses[key] = statuses.GetValueOrDefault(key) + 1;
            if (!Expected.Contains(status.StatusCode) || (status.StatusCode != StatusCode.OK && string.IsNullOrWhiteSpace(status.Detail)))
                failures.Add($"{what}: {status.StatusCode} «{status.Detail}»");
        }

        output.WriteLine($"{calls} files in {watch.Elapsed.TotalSeconds:N0} s: " + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        foreach (var failure in failures)
            output.WriteLine(failure);
        Assert.Empty(failures);

        // The unmutated export still imports, so the host is whole.
        var clean = await ImportAsync(imports, new Random(1), "Выгрузка.xlsx", xlsx);
        Assert.Equal(StatusCode.OK, clean.StatusCode);
    }

    private static IEnumerable<object?[]> PosRows()
    {
        yield return ["Номер сообщения", "Дата создания", "Категория", "Подкатегория", "Текст сообщения", "Адрес"];
        for (var i = 0; i < 20; i++)
            yield return [(412000001 + i).ToString(CultureInfo.InvariantCulture), new DateTime(2026, 11, 18, 9, 30, 0).AddHours(i), "Дороги", "Ямы на дороге", $"На улице Ленина у дома {i + 1} глубокая яма", $"ул. Ленина, {i + 1}"];
    }

    private static byte[] PosXlsx()
    {
        using var file = new MemoryStream();
        file.SaveAs(PosRows().Select(r => r.Select((v, i) => (Key: ((char)('A' + i)).ToString(), Value: v)).ToDictionary(c => c.Key, c => c.Value)), printHeader: false, excelType: ExcelType.XLSX);
        return file.ToArray();
    }

    private static async Task<Status> ImportAsync(ImportService.ImportServiceClient client, Random random, string fileName, byte[] content)
    {
        var channel = random.Next(2) == 0 ? "pos" : "incident-management";
        try
        {
            using var call = client.ImportFile(deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(30));
            try
            {
                await call.RequestStream.WriteAsync(new ImportFileChunk { Header = new ImportFileHeader { Channel = channel, FileName = fileName } });
                foreach (var chunk in content.Chunk(16 * 1024))
                    await call.RequestStream.WriteAsync(new ImportFileChunk { Data = ByteString.CopyFrom(chunk) });
                await call.RequestStream.CompleteAsync();
            }
            catch (RpcException)
            {
                // The server may refuse the file while it is still being sent; the status comes with the response.
            }

            await call;
            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    private static async Task<Status> SaveRulesAsync(RuleService.RuleServiceClient client, string json)
    {
        try
        {
            await client.SaveRuleSetAsync(new SaveRuleSetRequest { Json = json, Comment = "fuzz" }, deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(30));
            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    /// <summary>Mutates the XML parts inside the workbook and packs it again, so the file is still a valid zip.</summary>
    private static byte[] MutateInside(Random random, byte[] xlsx)
    {
        using var input = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                if (entry.FullName.EndsWith(".xml", StringComparison.Ordinal) && random.Next(2) == 0)
                    text = MutateText(random, text);
                if (random.Next(20) == 0)
                    continue;
                using var writer = new StreamWriter(zip.CreateEntry(entry.FullName).Open());
                writer.Write(text);
            }
        }

        return output.ToArray();
    }

    private static readonly string[] Tokens =
    [
        "<", ">", "\"", "&amp;", "&#0;", "<c r=\"ZZ99999999\" t=\"s\"><v>999999</v></c>", "<v>-1</v>", "<v>1e308</v>", "t=\"d\"", "</row>",
        "<row r=\"1048577\">", "{", "}", "[", "]", ",", ":", "null", "\"Order\":", "\"AnyWords\":[\"\"]", "\"Recipients\":[\"nope\"]",
        "\"Categories\":[", "\"Regex\":\"(a+)+$\"", "\"Enabled\":false", "31.02.2026", "9999-12-31", "0000-01-01", "\uFFFD", "\0", "яяяяяяяя",
    ];

    private static string MutateText(Random random, string text)
    {
        var builder = new StringBuilder(text);
        for (var i = random.Next(1, 8); i > 0; i--)
        {
            var at = random.Next(builder.Length + 1);
            switch (random.Next(4))
            {
                case 0:
                    builder.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 1 when builder.Length > 0:
                    builder.Remove(Math.Min(at, builder.Length - 1), Math.Min(random.Next(1, 40), builder.Length - Math.Min(at, builder.Length - 1)));
                    break;
                case 2 when builder.Length > 0:
                    var from = random.Next(builder.Length);
                    builder.Insert(at, builder.ToString(from, Math.Min(random.Next(1, 200), builder.Length - from)));
                    break;
                default:
                    builder.Insert(at, (char)random.Next(0x20, 0x500));
                    break;
            }
        }

        return builder.ToString();
    }

    private static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = new List<byte>(input);
        for (var i = random.Next(1, 10); i > 0; i--)
        {
            var at = random.Next(bytes.Count + 1);
            switch (random.Next(4))
            {
                case 0 when at < bytes.Count:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when at < bytes.Count:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 64), bytes.Count - at));
                    break;
                case 2:
                    bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256)));
                    break;
                default:
                    if (random.Next(10) == 0)
                        bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
