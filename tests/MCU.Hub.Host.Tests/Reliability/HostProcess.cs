using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace MCU.Hub.Host.Tests.Reliability;

/// <summary>The host as a separate operating-system process, so that it can be killed for real.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Channel = TestHost.ChannelFor(address, TestHost.AdminKey);
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public static async Task<HostProcess> StartAsync(string databasePath, params string[] extraArgs)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(databasePath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MCU.Hub.Host.dll"));
        info.ArgumentList.Add($"--McuHub:DatabasePath={databasePath}");
        info.ArgumentList.Add($"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{port}");
        info.ArgumentList.Add("--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0");
        info.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        foreach (var (key, value) in TestHost.Credential(0, "test-admin", TestHost.AdminKey, "", "read", "write", "admin"))
            info.ArgumentList.Add($"--{key}={value}");
        foreach (var arg in extraArgs)
            info.ArgumentList.Add(arg);

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await host.WaitUntilServingAsync();
        return host;
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        var health = new global::Grpc.Health.V1.Health.HealthClient(Channel);
        var deadline = Environment.TickCount64 + 60_000;
        while (true)
        {
            try
            {
                await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest(), deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(2));
                return;
            }
            catch (global::Grpc.Core.RpcException) when (Environment.TickCount64 < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
