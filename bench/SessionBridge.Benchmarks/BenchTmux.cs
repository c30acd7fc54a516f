using System.Globalization;

namespace SessionBridge.Benchmarks;

/// <summary>
/// A private tmux server on a socket in the run's scratch directory (never the user's), killed on dispose,
/// and programs run in it under the name <c>claude</c>, as the bridge's check for Claude Code looks for.
/// </summary>
internal sealed class BenchTmux : IAsyncDisposable
{
    private readonly string _directory;
    private int _windows;

    private BenchTmux(string directory) => _directory = directory;

    public string Socket => Path.Combine(_directory, "sock");

    /// <summary>$TMUX as a process inside this server would see it.</summary>
    public string Variable => $"{Socket},0,0";

    public static async Task<BenchTmux> StartAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        var tmux = new BenchTmux(directory);
        await Bench.Run("tmux", ["-S", tmux.Socket, "-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", "160", "-y", "45", "sleep 86400"]);
        return tmux;
    }

    /// <param name="environment">Variables for the pane's programs over the server's (the NATS store's, for a simulated host).</param>
    public async Task<string> NewPaneAsync(string command, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var name = "w" + Interlocked.Increment(ref _windows).ToString(CultureInfo.InvariantCulture);
        var variables = (environment ?? new Dictionary<string, string?>()).Where(v => v.Value is not null).SelectMany(v => new[] { "-e", $"{v.Key}={v.Value}" });
        var pane = (await Bench.Run("tmux", ["-S", Socket, "new-window", "-d", "-P", "-F", "#{pane_id}", "-t", "bench", "-n", name, .. variables, command])).Trim();
        await Bench.Run("tmux", ["-S", Socket, "resize-window", "-t", "bench:" + name, "-x", "160", "-y", "45"]);
        return pane;
    }

    public async Task<string> CaptureAsync(string pane) => await Bench.Run("tmux", ["-S", Socket, "capture-pane", "-p", "-t", pane]);

    public async Task<int> ServerPidAsync() => int.Parse((await Bench.Run("tmux", ["-S", Socket, "display-message", "-p", "#{pid}"])).Trim(), CultureInfo.InvariantCulture);

    /// <summary>python3's real executable (not a launcher script) under the name claude.</summary>
    public async Task<string> PythonAsClaudeAsync()
    {
        var link = Path.Combine(_directory, "as-claude", "claude");
        if (File.Exists(link))
            return link;
        var target = (await Bench.Run("python3", ["-c", "import os, sys; print(os.path.realpath(sys.executable))"])).Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, target);
        return link;
    }

    public async Task WaitForScreenAsync(string pane, string text)
    {
        for (var tries = 0; !(await CaptureAsync(pane)).Contains(text, StringComparison.Ordinal); tries++)
        {
            if (tries > 500)
                throw new InvalidOperationException($"pane {pane} never showed \"{text}\": {await CaptureAsync(pane)}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await Bench.Run("tmux", ["-S", Socket, "kill-server"], validate: false);
}
