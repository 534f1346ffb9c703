using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using Xunit.Abstractions;

namespace MCU.Hub.Host.Tests.Reliability;

/// <summary>
/// Random and mutated protobuf requests to every method of every gRPC service the host serves, as raw bytes over a
/// real channel: only the statuses of bad input come back, no call hangs, and the host answers a valid call after.
/// </summary>
/// <remarks>
/// <c>MCU_HUB_FUZZ_SECONDS</c> sets the duration (default 30) and <c>MCU_HUB_FUZZ_SEED</c> the seed (default: from the
/// clock; written to the test output). Every request of a failure is printed in hexadecimal, so it can be replayed.
/// </remarks>
public sealed class GrpcFuzzTests(ITestOutputHelper output)
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    private static readonly HashSet<StatusCode> Expected =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.FailedPrecondition,
        StatusCode.ResourceExhausted, StatusCode.OutOfRange, StatusCode.AlreadyExists,
        // Optimistic concurrency: a step on an older revision or version than the stored one (answers.proto) — read again and retry.
        StatusCode.Aborted,
        // For when the host requires API keys: a fuzzed request never changes the key, but a scope may be refused.
        StatusCode.PermissionDenied,
    ];

    /// <summary>Every service of the public contract and the standard health service, from the generated descriptors.</summary>
    private static List<MethodDescriptor> Methods() =>
        typeof(MessageService).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .Append(global::Grpc.Health.V1.HealthReflection.Descriptor)
            .SelectMany(f => f.Services)
            .SelectMany(s => s.Methods)
            .ToList();

    [Fact]
    public async Task EveryRpc_RandomAndMutatedRequests_OnlyExpectedStatusesAndTheHostStillServes()
    {
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("MCU_HUB_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out var sec) ? sec : 30;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MCU_HUB_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount;
        output.WriteLine($"fuzzing for {seconds} s, seed {seed} (MCU_HUB_FUZZ_SEED={seed} replays it)");

        var settings = new Dictionary<string, string?>(ReliabilityGrpc.HostSettings);
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), settings);
        using var channel = ReliabilityGrpc.CreateChannel(host.Address);
        var messages = new MessageService.MessageServiceClient(channel);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "fuzz-seed-" + i, Text = "На улице Ленина, 5 яма на дороге" })).Id);

        var methods = Methods();
        Assert.Contains(methods, m => m.FullName == "mcu.hub.v1.MessageService.SubmitMessage");
        var calls = new ConcurrentDictionary<string, int>();
        var statuses = new ConcurrentDictionary<StatusCode, int>();
        var failures = new ConcurrentQueue<string>();
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var random = new Random(seed + worker);
            var generator = new ProtoFuzzer(random, ids);
            for (var n = 0; Stopwatch.GetTimestamp() < end && failures.Count < 20; n++)
            {
                var method = methods[random.Next(methods.Count)];
                var frames = Enumerable.Range(0, method.IsClientStreaming ? random.Next(0, 5) : 1).Select(_ => generator.Request(method.InputType)).ToList();
                var status = await CallAsync(channel.CreateCallInvoker(), method, frames);
                calls.AddOrUpdate(method.FullName, 1, (_, c) => c + 1);
                statuses.AddOrUpdate(status.StatusCode, 1, (_, c) => c + 1);
                var allowed = Expected.Contains(status.StatusCode) || (status.StatusCode == StatusCode.DeadlineExceeded && method.IsServerStreaming);
                if (!allowed)
                    failures.Enqueue($"{method.FullName} → {status.StatusCode} «{status.Detail}»; request {string.Join(" | ", frames.Select(Convert.ToHexString))}");
            }
        })));

        output.WriteLine($"{calls.Values.Sum()} calls to {calls.Count} of {methods.Count} methods in {watch.Elapsed.TotalSeconds:N0} s; statuses: "
            + string.Join(", ", statuses.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")));
        foreach (var failure in failures)
            output.WriteLine(failure);
        Assert.Empty(failures);
        Assert.Equal(methods.Count, calls.Count);

        // The host still serves: a valid call succeeds.
        var after = await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "fuzz-after", Text = "Не вывозят мусор во дворе дома 7" });
        Assert.False(string.IsNullOrEmpty(after.Id));
        Assert.Equal(after.Id, (await messages.GetMessageAsync(new GetMessageRequest { Id = after.Id })).Message.Id);
    }

    /// <summary>One call with raw request bytes, bounded in time; the status it ended with.</summary>
    private static async Task<Status> CallAsync(CallInvoker invoker, MethodDescriptor method, List<byte[]> frames)
    {
        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            _ => MethodType.DuplexStreaming,
        };
        var grpcMethod = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Raw, Raw);

        // A server stream may legitimately run on (events): it is read for a second. Anything else must end well within 15 s.
        var options = new CallOptions(deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(method.IsServerStreaming ? 1 : 15));
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(grpcMethod, null, options, frames[0]);
                    break;
                case MethodType.ClientStreaming:
                {
                    using var call = invoker.AsyncClientStreamingCall(grpcMethod, null, options);
                    try
                    {
                        foreach (var frame in frames)
                            await call.RequestStream.WriteAsync(frame);
                        await call.RequestStream.CompleteAsync();
                    }
                    catch (RpcException)
                    {
                        // The server may end the call before reading everything; its status is in the response.
                    }
                    catch (InvalidOperationException)
                    {
                    }

                    await call.ResponseAsync;
                    break;
                }

                case MethodType.ServerStreaming:
                {
                    using var call = invoker.AsyncServerStreamingCall(grpcMethod, null, options, frames[0]);
                    while (await call.ResponseStream.MoveNext(CancellationToken.None))
                    {
                    }

                    break;
                }

                default:
                    throw new NotSupportedException("no duplex methods in the contract");
            }

            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    /// <summary>Protobuf requests: random bytes, random messages of the method's type, and mutations of those.</summary>
    private sealed class ProtoFuzzer(Random random, IReadOnlyList<string> ids)
    {
        private readonly string[] _strings =
        [
            "", "api", "pos", "edds", "roads", "housing-utilities", "roads-dept", "2026-W47", "2026-11", "2026-Q4", "2026",
            "xlsx", "html", "csv", "fast-track-share", "inflow", "appeal-59fz", "New", "Routed", "71879000", "не существует",
            "На улице Ленина, 5 яма", "\0", "\uFFFF", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "../../etc/passwd", "' OR 1=1 --", "$.Text", "{\"rules\":[]}", "[]", "-1",
            new string('я', 25_000),
        ];

        public byte[] Request(MessageDescriptor type) => random.Next(4) switch
        {
            0 => Bytes(random.Next(0, 64)),
            1 => Message(type, 0).ToByteArray(),
            _ => Mutate(Message(type, 0).ToByteArray()),
        };

        private byte[] Bytes(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        private IMessage Message(MessageDescriptor type, int depth)
        {
            var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
            foreach (var field in type.Fields.InFieldNumberOrder())
            {
                if (random.Next(3) == 0 || depth > 3)
                    continue;
                var accessor = field.Accessor;
                if (field.IsMap)
                {
                    var map = (System.Collections.IDictionary)accessor.GetValue(message);
                    var entry = field.MessageType;
                    for (var i = random.Next(0, 3); i > 0; i--)
                    {
                        var key = Value(entry.FindFieldByNumber(1), depth + 1);
                        if (key is not null && !map.Contains(key))
                            map[key] = Value(entry.FindFieldByNumber(2), depth + 1);
                    }
                }
                else if (field.IsRepeated)
                {
                    var list = (System.Collections.IList)accessor.GetValue(message);
                    for (var i = random.Next(0, 4); i > 0; i--)
                    {
                        if (Value(field, depth + 1) is { } v)
                            list.Add(v);
                    }
                }
                else if (Value(field, depth + 1) is { } value)
                {
                    accessor.SetValue(message, value);
                }
            }

            return message;
        }

        private object? Value(FieldDescriptor field, int depth) => field.FieldType switch
        {
            FieldType.String => random.Next(5) == 0 ? ids[random.Next(ids.Count)] : _strings[random.Next(_strings.Length)],
            FieldType.Bytes => ByteString.CopyFrom(Bytes(random.Next(0, 2048))),
            FieldType.Bool => random.Next(2) == 0,
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => Int(),
            FieldType.UInt32 or FieldType.Fixed32 => (uint)Int(),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => (long)Int() * (random.Next(3) == 0 ? 1_000_000_007L : 1),
            FieldType.UInt64 or FieldType.Fixed64 => (ulong)Int(),
            FieldType.Double => random.Next(4) switch { 0 => double.NaN, 1 => double.PositiveInfinity, 2 => -1e308, _ => random.NextDouble() * 400 - 200 },
            FieldType.Float => (float)(random.NextDouble() * 400 - 200),
            FieldType.Enum => random.Next(4) == 0 ? Enum.ToObject(field.EnumType.ClrType, random.Next(-5, 100)) : Enum.ToObject(field.EnumType.ClrType, field.EnumType.Values[random.Next(field.EnumType.Values.Count)].Number),
            FieldType.Message or FieldType.Group => Message(field.MessageType, depth),
            _ => null,
        };

        private int Int() => random.Next(6) switch
        {
            0 => 0,
            1 => -1,
            2 => int.MaxValue,
            3 => int.MinValue,
            4 => random.Next(1, 100),
            _ => random.Next(),
        };

        private byte[] Mutate(byte[] input)
        {
            var bytes = new List<byte>(input);
            for (var i = random.Next(1, 6); i > 0; i--)
            {
                switch (random.Next(5))
                {
                    case 0 when bytes.Count > 0:
                        bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1:
                        bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                        break;
                    case 2 when bytes.Count > 0:
                        bytes.RemoveAt(random.Next(bytes.Count));
                        break;
                    case 3 when bytes.Count > 0:
                        var at = random.Next(bytes.Count);
                        bytes.RemoveRange(at, bytes.Count - at);
                        break;
                    default:
                        var from = random.Next(bytes.Count + 1);
                        var length = Math.Min(random.Next(1, 16), bytes.Count - from);
                        bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(from, Math.Max(0, length)));
                        break;
                }
            }

            return [.. bytes];
        }
    }
}
