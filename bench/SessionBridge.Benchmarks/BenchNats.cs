using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SessionBridge.Benchmarks;

/// <summary>
/// A nats-server with JetStream on a free loopback port, its store in the run's scratch directory, killed on dispose:
/// the one server two simulated hosts share. Null from <see cref="Start"/> where nats-server is not installed.
/// </summary>
internal sealed class BenchNats : IDisposable
{
    private readonly Process _process;

    private BenchNats(Process process, int port)
    {
        _process = process;
        Url = $"nats://127.0.0.1:{port}";
    }

    public string Url { get; }

    private static readonly string[] Places = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"];

    public static string? Executable() => Places.FirstOrDefault(File.Exists);

    public static BenchNats? Start(string directory)
    {
        if (Executable() is not { } executable)
            return null;
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var info = new ProcessStartInfo(executable, ["-js", "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", Directory.CreateDirectory(directory).FullName])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var tries = 0; ; tries++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return new BenchNats(process, port);
            }
            catch (SocketException) when (tries < 600 && !process.HasExited)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>What a process on <paramref name="host"/> of team <paramref name="team"/> sees.</summary>
    public Dictionary<string, string?> Environment(string team, string host) =>
        new()
        {
            ["SESSION_BRIDGE_NATS"] = Url,
            ["SESSION_BRIDGE_TEAM"] = team,
            ["SESSION_BRIDGE_HOST"] = host,
        };

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { }

        _process.Dispose();
    }
}
