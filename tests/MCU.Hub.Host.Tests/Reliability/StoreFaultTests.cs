using System.Diagnostics;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using Xunit.Abstractions;

namespace MCU.Hub.Host.Tests.Reliability;

/// <summary>The store's file held by another process, or its disk full: a clear error, nothing corrupted, recovery after.</summary>
public sealed class StoreFaultTests(ITestOutputHelper output)
{
    private static SubmitMessageRequest Request(string externalId) => new()
    {
        Channel = "api",
        ExternalId = externalId,
        Text = $"Обращение {externalId}: во дворе не вывозят мусор, контейнеры переполнены",
        Address = "ул. Мира, 3",
    };

    [Fact]
    public async Task Host_WithASettingOutOfRange_ExitsWithCode2NamingTheSettingAndTouchesNoFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "hub.db");

        var (exit, error) = await HostProcess.RunToExitAsync(database, TimeSpan.FromSeconds(60), "--McuHub:LiteDbCacheMb=4", "--McuHub:MaxTextLength=5");
        output.WriteLine($"exit {exit}: {error}");

        Assert.Equal(2, exit);
        Assert.Contains("неверная конфигурация", error, StringComparison.Ordinal);
        Assert.Contains("LiteDbCacheMb", error, StringComparison.Ordinal);
        Assert.Contains("MaxTextLength", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(database));
        System.IO.Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Host_DatabaseHeldByAnotherProcess_ExitsNamingTheFileAndStartsOnceReleased()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "hub.db");
        var ids = new List<string>();
        await using (var host = await HostProcess.StartAsync(database))
        {
            var client = new MessageService.MessageServiceClient(host.Channel);
            for (var i = 0; i < 5; i++)
                ids.Add((await client.SubmitMessageAsync(Request("held-" + i))).Id);
        }

        // Another process holds the file: a second instance started by mistake (the report command holds it the same way).
        await using (var holder = await HostProcess.StartAsync(database))
        {
            var (exit, error) = await HostProcess.RunToExitAsync(database, TimeSpan.FromSeconds(60));
            output.WriteLine($"exit {exit}: {error}");

            Assert.NotEqual(0, exit);
            Assert.Contains(Path.GetFullPath(database), error, StringComparison.Ordinal);
            Assert.Contains("другой процесс", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }

        await using (var host = await HostProcess.StartAsync(database))
        {
            var client = new MessageService.MessageServiceClient(host.Channel);
            foreach (var id in ids)
                Assert.Equal(id, (await client.GetMessageAsync(new GetMessageRequest { Id = id })).Message.Id);
            Assert.False((await client.SubmitMessageAsync(Request("held-after"))).Duplicate);
        }

        System.IO.Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// A tmpfs of 8 MB with a reserve of 4 MB holds the store (mounting needs root, as in CI; elsewhere the test says so and passes): submits
    /// fail with RESOURCE_EXHAUSTED and a message about the disk, the host keeps serving, and once the file system is
    /// enlarged, submits succeed again and every message acknowledged before is intact, also after a restart.
    /// </summary>
    [Fact]
    public async Task Submit_DiskFull_ResourceExhaustedThenRecoversWhenSpaceIsFreed()
    {
        var mount = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", "full-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(mount);
        if (!Run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount))
        {
            output.WriteLine("tmpfs cannot be mounted here (needs root): the disk-full case is not exercised");
            return;
        }

        try
        {
            var database = Path.Combine(mount, "hub.db");
            var acknowledged = new Dictionary<string, string>();
            await using (var host = await HostProcess.StartAsync(database, "--McuHub:MinFreeDiskSpaceMb=4"))
            {
                var client = new MessageService.MessageServiceClient(host.Channel);
                RpcException? full = null;
                for (var i = 0; i < 20_000 && full is null; i++)
                {
                    try
                    {
                        acknowledged["full-" + i] = (await client.SubmitMessageAsync(Request("full-" + i))).Id;
                    }
                    catch (RpcException ex)
                    {
                        full = ex;
                    }
                }

                Assert.NotNull(full);
                output.WriteLine($"after {acknowledged.Count} messages: {full.StatusCode} «{full.Status.Detail}»");
                Assert.Equal(StatusCode.ResourceExhausted, full.StatusCode);
                Assert.Contains("на диске осталось", full.Status.Detail, StringComparison.Ordinal);
                Assert.Contains(database, full.Status.Detail, StringComparison.Ordinal);

                // Still full: still a clear error, and the host answers reads.
                var again = await Assert.ThrowsAsync<RpcException>(() => client.SubmitMessageAsync(Request("full-again")).ResponseAsync);
                if (again.StatusCode != StatusCode.ResourceExhausted)
                    output.WriteLine(string.Join(Environment.NewLine, host.Output));
                Assert.Equal(StatusCode.ResourceExhausted, again.StatusCode);
                var first = acknowledged.First();
                Assert.Equal(first.Value, (await client.GetMessageAsync(new GetMessageRequest { Id = first.Value })).Message.Id);

                // The cause goes away.
                Assert.True(Run("mount", "-o", "remount,size=256m", mount));
                var recovered = await client.SubmitMessageAsync(Request("full-after"));
                Assert.False(recovered.Duplicate);
                acknowledged["full-after"] = recovered.Id;
                foreach (var (externalId, id) in acknowledged)
                {
                    var reply = await client.SubmitMessageAsync(Request(externalId));
                    Assert.True(reply.Duplicate, externalId);
                    Assert.Equal(id, reply.Id);
                }
            }

            // Nothing corrupted: a new process opens the file and finds every acknowledged message.
            await using (var host = await HostProcess.StartAsync(database))
            {
                var client = new MessageService.MessageServiceClient(host.Channel);
                foreach (var id in acknowledged.Values)
                    Assert.Equal(id, (await client.GetMessageAsync(new GetMessageRequest { Id = id })).Message.Id);
            }
        }
        finally
        {
            Run("umount", "-l", mount);
            System.IO.Directory.Delete(mount, recursive: true);
        }
    }

    private static bool Run(string file, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in args)
                info.ArgumentList.Add(arg);
            using var process = Process.Start(info)!;
            process.WaitForExit(10_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
