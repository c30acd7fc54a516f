using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SessionBridge.EndToEnd.Claude;

/// <summary>
/// <c>session-bridge web --port 0 --json</c> run by a person in a world's project (so it shows the team the
/// sessions there registered in), as a real process: its first stdout line read, its stderr kept, killed afterwards.
/// </summary>
public sealed class WebBoard : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private WebBoard(Process process) => _process = process;

    /// <summary>The first URL, with the token in its query: what a person opens.</summary>
    public string Url { get; private set; } = "";

    public string Token { get; private set; } = "";

    public string Origin { get; private set; } = "";

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public static async Task<WebBoard> StartAsync(ClaudeWorld world)
    {
        var info = new ProcessStartInfo(BuiltExecutables.Server)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = world.Project,
        };
        foreach (var argument in new[] { "web", "--port", "0", "--json" })
            info.ArgumentList.Add(argument);
        // Started from a person's terminal outside the world's tmux server: the roles' registrations name their panes.
        foreach (var name in new[] { "TMUX", "TMUX_PANE", "SESSION_BRIDGE_NATS", "SESSION_BRIDGE_TEAM" })
            info.Environment.Remove(name);
        info.Environment["SESSION_BRIDGE_DIR"] = world.State;
        info.Environment["HOME"] = world.Home;
        var board = new WebBoard(Process.Start(info)!);
        board._process.ErrorDataReceived += (_, line) =>
        {
            lock (board._stderr)
                board._stderr.AppendLine(line.Data);
        };
        board._process.BeginErrorReadLine();

        // A bound on a hang, not a speed figure.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        var first = await board._process.StandardOutput.ReadLineAsync(bound.Token)
            ?? throw new InvalidOperationException($"session-bridge web printed nothing: {board.Stderr}");
        using var json = JsonDocument.Parse(first);
        board.Url = json.RootElement.GetProperty("url").GetString()!;
        board.Token = json.RootElement.GetProperty("token").GetString()!;
        board.Origin = $"http://127.0.0.1:{json.RootElement.GetProperty("port").GetInt32()}";
        return board;
    }

    /// <summary>A script's client: the bearer token and no Origin header.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = new Uri(Origin) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>GET /api/team.</summary>
    public async Task<JsonElement> TeamAsync()
    {
        using var client = Client();
        return (await client.GetFromJsonAsync<JsonElement>("/api/team", TestContext.Current.CancellationToken)).Clone();
    }

    /// <summary><paramref name="role"/>'s one pending request on the board, once the board lists it.</summary>
    public async Task<JsonElement> PendingAsync(string role)
    {
        var requests = await Eventually.ReadAsync(
            async () => (await TeamAsync()).GetProperty("requests").Clone(),
            r => r.EnumerateArray().Any(q => q.GetProperty("role").GetString() == role),
            $"the board to list {role}'s request",
            TimeSpan.FromSeconds(60));
        return requests.EnumerateArray().Single(q => q.GetProperty("role").GetString() == role).Clone();
    }

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> as a script does; the status and the JSON answer.</summary>
    public async Task<(int Status, JsonElement Body)> PostAsync(string path, object body)
    {
        using var client = Client();
        using var response = await client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone());
    }

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
