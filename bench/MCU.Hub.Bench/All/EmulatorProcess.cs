using System.Diagnostics;
using System.Globalization;
using MCU.Hub.Emulators.Pos;

namespace MCU.Hub.Bench.All;

/// <summary>
/// The ПОС emulator in a child process (this executable, verb <c>emulator</c>), so that the million messages it holds
/// count neither in the hub's memory nor against its two cores' garbage collector.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    /// <summary>The bearer token the emulator requires.</summary>
    public const string Token = "bench-pos-token";

    private readonly Process _process;

    private EmulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the emulator's address, ending with a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts the child with <paramref name="messages"/> messages, all published at once, and waits until it serves.</summary>
    public static async Task<EmulatorProcess> StartAsync(int messages, int seed)
    {
        var path = Environment.ProcessPath!;
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardInput = true };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
            info.ArgumentList.Add(typeof(EmulatorProcess).Assembly.Location);
        info.ArgumentList.Add("emulator");
        info.ArgumentList.Add("--messages");
        info.ArgumentList.Add(messages.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--seed");
        info.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(info)!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("ready ", StringComparison.Ordinal))
                return new EmulatorProcess(process, new Uri(line["ready ".Length..]));
        }

        throw new InvalidOperationException("the emulator process ended before it served");
    }

    /// <summary>The child's side (verb <c>emulator</c>): runs the emulator until its standard input closes.</summary>
    /// <param name="messages">Messages the emulator publishes, all at once.</param>
    /// <param name="seed">Seed of the generated messages.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunChildAsync(int messages, int seed)
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions
        {
            TotalMessages = messages,
            InitialMessages = messages,
            Seed = seed,
            Token = Token,
        });

        // Generates every message now, so that the first page is not charged with the whole generation.
        _ = emulator.Messages.Count;
        Console.WriteLine("ready " + emulator.BaseAddress.AbsoluteUri);
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
