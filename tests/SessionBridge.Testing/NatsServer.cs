using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace SessionBridge.Testing;

/// <summary>
/// A real nats-server with JetStream on a free loopback port and a store folder of its own, one per test class,
/// killed afterwards. Specs that need it call <see cref="SkipUnlessAvailable"/>: where the Debian package
/// <c>nats-server</c> is missing they skip, saying so (.ci/run installs it).
/// </summary>
public class NatsServer : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("nats");
    private readonly string? _user;
    private readonly string? _password;
    private Process? _process;

    public NatsServer()
        : this(null, null) { }

    /// <param name="user">With <paramref name="password"/>: the server refuses clients without them.</param>
    protected NatsServer(string? user, string? password)
    {
        _user = user;
        _password = password;
    }

    public int Port { get; private set; }

    /// <summary>The address a client uses, without credentials.</summary>
    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>The address with the user and password in it (the form <c>SESSION_BRIDGE_NATS</c> takes).</summary>
    public string UrlWithCredentials =>
        _user is null ? Url : $"nats://{Uri.EscapeDataString(_user)}:{Uri.EscapeDataString(_password ?? "")}@127.0.0.1:{Port}";

    /// <summary>Where the server keeps its streams.</summary>
    public string StoreDirectory => _directory.Combine("store");

    /// <summary>The server's folder, for a fixture's own files (a configuration, credentials).</summary>
    protected string Folder => _directory.Path;

    /// <summary>What a fixture adds to the command line (a configuration file: <c>-c</c>).</summary>
    protected virtual IEnumerable<string> MoreArguments() => [];

    /// <summary>Why no server can run here (the program is missing), or null.</summary>
    public static string? WhyUnavailable() =>
        Executable() is null ? "nats-server is not installed (Debian package nats-server; .ci/run installs it)" : null;

    /// <summary>Skips the calling spec, saying why, where nats-server is missing.</summary>
    public static void SkipUnlessAvailable()
    {
        if (WhyUnavailable() is { } reason)
            Assert.Skip(reason);
    }

    public async ValueTask InitializeAsync()
    {
        if (WhyUnavailable() is not null)
            return;
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>Starts the server (again, on the same port and store: what a restart keeps).</summary>
    public async Task StartAsync()
    {
        var arguments = new List<string> { "-js", "-a", "127.0.0.1", "-p", Port.ToString(), "-sd", StoreDirectory };
        if (_user is not null)
            arguments.AddRange(["--user", _user, "--pass", _password ?? ""]);
        arguments.AddRange(MoreArguments());
        var start = new ProcessStartInfo(Executable()!, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("nats-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
                said.Enqueue(line);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Ready when it accepts a connection (under a second unloaded; generous for a loaded machine).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"nats-server exited with {_process.ExitCode} on port {Port}: {string.Join(" | ", said.TakeLast(5))}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the server at once (no clean shutdown), and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process)
            return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Kills the server and starts it again on the same port with the same store.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string? Executable() =>
        new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server" }.FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "nats-server"))
            .FirstOrDefault(File.Exists);

    /// <summary>A loopback port nothing listens on now (a server's, or one to find closed).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A <see cref="NatsServer"/> that refuses clients without the user <c>sb</c> and its password.</summary>
public sealed class NatsServerWithPassword() : NatsServer("sb", "s3cret-pw");
