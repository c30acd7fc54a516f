using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SessionBridge.Web.Tests.Infrastructure;

/// <summary>
/// <c>session-bridge web --port 0 --json</c> as a real process (the command line, which becomes session-bridge-web)
/// over a temp state directory: its first stdout line read, its stderr kept, killed afterwards.
/// </summary>
public sealed class BoardProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private BoardProcess(Process process, string url, string token, int port)
    {
        _process = process;
        Url = url;
        Token = token;
        Port = port;
    }

    /// <summary>The first URL, with the token in its query.</summary>
    public string Url { get; }

    public string Token { get; }

    public int Port { get; }

    public string Origin => $"http://127.0.0.1:{Port}";

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public static async Task<BoardProcess> StartAsync(string stateDirectory, string home, params string[] more)
    {
        var (process, first, stderr) = await LaunchAsync(stateDirectory, home, ["web", "--port", "0", "--json", .. more]);
        using var json = JsonDocument.Parse(first);
        var root = json.RootElement;
        var board = new BoardProcess(process, root.GetProperty("url").GetString()!, root.GetProperty("token").GetString()!, root.GetProperty("port").GetInt32());
        process.ErrorDataReceived -= stderr;
        process.ErrorDataReceived += (_, line) =>
        {
            lock (board._stderr)
                board._stderr.AppendLine(line.Data);
        };
        return board;
    }

    /// <summary>Starts <c>session-bridge ARGS</c> and returns it with its first stdout line (a bound on a hang, not a speed figure).</summary>
    public static async Task<(Process Process, string FirstLine, DataReceivedEventHandler Stderr)> LaunchAsync(
        string stateDirectory, string home, string[] arguments)
    {
        var info = new ProcessStartInfo(BuiltExecutables.Server)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var name in new[] { "TMUX", "TMUX_PANE", "SESSION_BRIDGE_NATS", "SESSION_BRIDGE_TEAM" })
            info.Environment.Remove(name);
        info.Environment["SESSION_BRIDGE_DIR"] = stateDirectory;
        info.Environment["HOME"] = home;
        var process = Process.Start(info)!;
        var early = new StringBuilder();
        DataReceivedEventHandler stderr = (_, line) =>
        {
            lock (early)
                early.AppendLine(line.Data);
        };
        process.ErrorDataReceived += stderr;
        process.BeginErrorReadLine();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        var first = await process.StandardOutput.ReadLineAsync(bound.Token);
        if (first is null)
        {
            await process.WaitForExitAsync(bound.Token);
            lock (early)
                throw new InvalidOperationException($"session-bridge web printed nothing and exited {process.ExitCode}: {early}");
        }

        return (process, first, stderr);
    }

    /// <summary>A client that sends the bearer token (and no Origin, as a script does).</summary>
    public HttpClient Client(bool bearer = true)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(Origin) };
        if (bearer)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>A client that keeps cookies, as a browser does, and follows the first URL's redirect.</summary>
    public HttpClient CookieClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = new Uri(Origin) };

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Exited already.
        }

        _process.Dispose();
    }
}
