using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace MCU.Hub.Plugins.PosMail.Tests.Imap;

/// <summary>
/// A real IMAP server for the tests: Debian's Dovecot (package <c>dovecot-imapd</c>), started in the foreground on
/// 127.0.0.1 and a free port with a throwaway configuration in a temporary folder (maildir, a static passwd-file
/// user with a plain password, no TLS, its own log). Nothing of the system's Dovecot is used or needed.
/// </summary>
/// <remarks>
/// Run as root, Dovecot refuses root for its login processes and for mail access: the login processes then run as
/// the package's own users and the mailbox belongs to <c>nobody</c>. Run as another user, everything runs as that user.
/// </remarks>
internal sealed class DovecotServer : IAsyncDisposable
{
    public const string UserName = "pos-inbox";
    public const string Password = "Novorechinsk-2026";
    private const string WrongPassword = "changed-by-the-test-to-fail-logins";

    private static readonly string[] SearchFolders = ["/usr/sbin", "/usr/local/sbin", "/sbin"];

    private readonly Process _process;
    private readonly string _root;
    private readonly Identity _identity;

    private DovecotServer(Process process, string root, int port, Identity identity)
    {
        _process = process;
        _root = root;
        Port = port;
        _identity = identity;
    }

    public const string Host = "127.0.0.1";

    public int Port { get; }

    public string LogPath => Path.Combine(_root, "dovecot.log");

    /// <summary>Gets the connector settings that point at this server, reading <paramref name="folder"/>.</summary>
    public Dictionary<string, string?> Settings(string folder = "INBOX") => new()
    {
        ["Host"] = Host,
        ["Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Security"] = "None",
        ["UserName"] = UserName,
        ["Password"] = Password,
        ["Folder"] = folder,
    };

    /// <summary>Starts a server; fails, never skips, when Dovecot is not installed.</summary>
    public static async Task<DovecotServer> StartAsync()
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("The ПОС-by-mail tests run Dovecot, which needs Linux (Debian's dovecot-imapd).");

        var dovecot = FindDovecot() ?? throw new InvalidOperationException(
            "The ПОС-by-mail tests run a real IMAP server, and 'dovecot' was not found on PATH (nor in /usr/sbin). " +
            "Install Debian's package: apt-get install -y dovecot-imapd (the system service is not needed and may stay stopped).");

        var version = (await RunAsync(dovecot, "--version")).Trim();
        if (!version.StartsWith("2.3.", StringComparison.Ordinal) && !version.StartsWith("2.2.", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Dovecot {version} was found; the test configuration is written for Dovecot 2.3 (Debian 12's dovecot-imapd). " +
                "Dovecot 2.4 changed the configuration syntax (mail_driver, passwd_file_path, auth_allow_cleartext).");
        }

        var identity = await Identity.ReadAsync();
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var root = Directory.CreateTempSubdirectory("mcu-pos-mail-").FullName;

            // Dovecot's login processes (another user when run as root) must reach the sockets below this folder.
            File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
            var mail = Directory.CreateDirectory(Path.Combine(root, "mail")).FullName;
            if (identity.IsRoot)
                File.SetUnixFileMode(mail, (UnixFileMode)0b111_111_111);

            await File.WriteAllTextAsync(Path.Combine(root, "passwd"), PasswdLine(root, identity, Password));

            var port = FreePort();
            var config = Path.Combine(root, "dovecot.conf");
            await File.WriteAllTextAsync(config, Configuration(root, port, identity));

            var process = Process.Start(new ProcessStartInfo(dovecot, ["-F", "-c", config])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException($"{dovecot} did not start.");
            process.OutputDataReceived += static (_, _) => { };
            process.ErrorDataReceived += static (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var server = new DovecotServer(process, root, port, identity);
            try
            {
                await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(20));
                return server;
            }
            catch (InvalidOperationException ex)
            {
                last = ex;
                await server.DisposeAsync();
                if (!ex.Message.Contains("Address already in use", StringComparison.Ordinal))
                    throw;
            }
        }

        throw last!;
    }

    /// <summary>
    /// Changes the user's password, so that logins with <see cref="Password"/> are refused; <see langword="false"/>
    /// restores it. Returns once the server answers logins the new way.
    /// </summary>
    /// <remarks>
    /// Dovecot notices a changed passwd-file on a later lookup, not necessarily the next one: the change is confirmed
    /// with probe logins before returning, so the test that follows sees it.
    /// </remarks>
    public async Task RefuseLoginsAsync(bool refuse)
    {
        var path = Path.Combine(_root, "passwd");
        var next = path + ".next";
        await File.WriteAllTextAsync(next, PasswdLine(_root, _identity, refuse ? WrongPassword : Password));
        File.Move(next, path, overwrite: true);

        var stopwatch = Stopwatch.StartNew();
        while (await CanLogInAsync() == refuse)
        {
            if (stopwatch.Elapsed > TimeSpan.FromSeconds(10))
                throw new InvalidOperationException($"Dovecot still {(refuse ? "accepts" : "refuses")} the password 10 s after the passwd-file changed. Its log:\n{ReadLog()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Delivers mails into <paramref name="folder"/> with IMAP APPEND, creating the folder when needed.</summary>
    /// <returns>The UIDs the server gave them.</returns>
    public async Task<IReadOnlyList<UniqueId>> DeliverAsync(string folder, IEnumerable<MimeMessage> messages)
    {
        using var client = await ConnectAsync();
        var target = await GetOrCreateFolderAsync(client, folder);
        await target.OpenAsync(FolderAccess.ReadWrite);
        var uids = new List<UniqueId>();
        foreach (var message in messages)
        {
            var request = new AppendRequest(message, MessageFlags.None);
            if (message.Date != DateTimeOffset.MinValue)
                request.InternalDate = message.Date;

            uids.Add(await target.AppendAsync(request) ?? throw new InvalidOperationException("The server did not report the appended UID."));
        }

        await client.DisconnectAsync(quit: true);
        return uids;
    }

    /// <summary>Deletes and creates <paramref name="folder"/> again: its UIDs start over under a new UIDVALIDITY.</summary>
    /// <returns>The new UIDVALIDITY.</returns>
    public async Task<uint> RecreateFolderAsync(string folder)
    {
        using var client = await ConnectAsync();
        var existing = await GetOrCreateFolderAsync(client, folder);
        await existing.DeleteAsync();
        var created = await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(folder, isMessageFolder: true)
            ?? throw new InvalidOperationException($"The server did not create {folder}.");
        await created.OpenAsync(FolderAccess.ReadOnly);
        var validity = created.UidValidity;
        await client.DisconnectAsync(quit: true);
        return validity;
    }

    /// <summary>Reads the flags of every mail in <paramref name="folder"/>.</summary>
    public async Task<IReadOnlyList<MessageFlags>> FlagsAsync(string folder)
    {
        using var client = await ConnectAsync();
        var target = await GetOrCreateFolderAsync(client, folder);
        await target.OpenAsync(FolderAccess.ReadOnly);
        var summaries = target.Count == 0 ? Array.Empty<IMessageSummary>() : await target.FetchAsync(0, -1, MessageSummaryItems.Flags);
        await client.DisconnectAsync(quit: true);
        return [.. summaries.Select(s => s.Flags ?? MessageFlags.None)];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A child that was still closing a file; the folder is in the temporary directory anyway.
        }
    }

    private async Task<bool> CanLogInAsync()
    {
        using var client = new ImapClient { Timeout = 10_000 };
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        try
        {
            await client.AuthenticateAsync(UserName, Password);
            await client.DisconnectAsync(quit: true);
            return true;
        }
        catch (AuthenticationException)
        {
            return false;
        }
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient { Timeout = 10_000 };
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(UserName, Password);
        return client;
    }

    private static async Task<IMailFolder> GetOrCreateFolderAsync(ImapClient client, string folder)
    {
        if (string.Equals(folder, "INBOX", StringComparison.OrdinalIgnoreCase))
            return client.Inbox;

        try
        {
            return await client.GetFolderAsync(folder);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            return await root.CreateAsync(folder, isMessageFolder: true) ?? throw new InvalidOperationException($"The server did not create {folder}.");
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Dovecot exited with code {_process.ExitCode} while starting. Its log:\n{ReadLog()}");

            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, Port);
                using var reader = new StreamReader(socket.GetStream(), Encoding.ASCII);
                var greeting = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
                if (greeting?.StartsWith("* OK", StringComparison.Ordinal) == true)
                    return;
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"Dovecot did not greet on 127.0.0.1:{Port} within {timeout.TotalSeconds} s. Its log:\n{ReadLog()}");
    }

    private string ReadLog()
    {
        try
        {
            return File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no log written)";
        }
        catch (IOException ex)
        {
            return "(log unreadable: " + ex.Message + ")";
        }
    }

    private static string Configuration(string root, int port, Identity identity)
    {
        var users = identity.IsRoot
            ? string.Empty // The package's dovecot and dovenull users run the internal and login processes.
            : $"""
              default_internal_user = {identity.UserName}
              default_internal_group = {identity.GroupName}
              default_login_user = {identity.UserName}
              """;

        return $$"""
            # Throwaway configuration of the ПОС-by-mail connector tests; the folder is deleted after the run.
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            log_path = {{root}}/dovecot.log
            info_log_path = {{root}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            auth_failure_delay = 0
            auth_cache_size = 0
            {{users}}
            first_valid_uid = {{identity.MailUid}}
            last_valid_uid = 0
            mail_location = maildir:{{root}}/mail/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN {{root}}/passwd
            }
            userdb {
              driver = passwd-file
              args = {{root}}/passwd
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service anvil {
              chroot =
              # Unreachable on purpose: without it the auth process applies no penalty, which would otherwise delay
              # every login from 127.0.0.1 by seconds after a test refused one.
              unix_listener anvil-auth-penalty {
                mode = 0
              }
            }
            service stats {
              inet_listener http {
                port = 0
              }
            }

            """;
    }

    private static string PasswdLine(string root, Identity identity, string password) =>
        $"{UserName}:{{PLAIN}}{password}:{identity.MailUid}:{identity.MailGid}::{root}/home::\n";

    private static string? FindDovecot()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(SearchFolders)
            .Select(folder => Path.Combine(folder, "dovecot"))
            .FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
    }

    /// <summary>Who runs the tests, and whom the mailbox belongs to.</summary>
    private sealed record Identity(bool IsRoot, string UserName, string GroupName, string MailUid, string MailGid)
    {
        public static async Task<Identity> ReadAsync()
        {
            var uid = (await RunAsync("id", "-u")).Trim();
            if (uid == "0")
            {
                // Dovecot never gives mail access to root.
                return new Identity(true, "root", "root", (await RunAsync("id", "-u", "nobody")).Trim(), (await RunAsync("id", "-g", "nobody")).Trim());
            }

            return new Identity(false, (await RunAsync("id", "-un")).Trim(), (await RunAsync("id", "-gn")).Trim(), uid, (await RunAsync("id", "-g")).Trim());
        }
    }
}
