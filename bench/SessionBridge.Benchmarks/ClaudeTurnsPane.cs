using System.Globalization;

namespace SessionBridge.Benchmarks;

/// <summary>
/// A pane that plays a Claude Code session's turns (claude_turns.py, run as <c>claude</c>): real busy and idle
/// screens and, when given the hook, the real hook on UserPromptSubmit and Stop in the pane's own process
/// tree, so the hook's walk up /proc finds the pane as it does under Claude Code.
/// </summary>
internal sealed class ClaudeTurnsPane : IDisposable
{
    private readonly string _times;
    private readonly StreamWriter _commands;

    private ClaudeTurnsPane(string pane, string times, StreamWriter commands)
    {
        Pane = pane;
        _times = times;
        _commands = commands;
    }

    public string Pane { get; }

    /// <summary>Starts the pane; with <paramref name="hook"/>, it runs that hook on its turns with <paramref name="state"/>.</summary>
    public static async Task<ClaudeTurnsPane> StartAsync(
        Bench bench,
        BenchTmux tmux,
        string name,
        string? hook,
        string state,
        IReadOnlyDictionary<string, string?>? environment = null
    )
    {
        var directory = Directory.CreateDirectory(Path.Combine(bench.Work, "turns-" + name)).FullName;
        var (fifo, times) = (Path.Combine(directory, "commands"), Path.Combine(directory, "times"));
        await Bench.Run("mkfifo", [fifo]);
        File.WriteAllText(times, "");
        var hooks = hook is null ? "" : $" --hook '{hook}' --state '{state}'";
        var pane = await tmux.NewPaneAsync(
            $"exec '{await tmux.PythonAsClaudeAsync()}' '{bench.Fake("claude_turns.py")}' --commands '{fifo}' --times '{times}' "
                + $"--busy-screen '{bench.Screen("busy-streaming.txt")}' --idle-screen '{bench.Screen("idle-after-answer.txt")}'{hooks}",
            environment
        );
        // Opening a FIFO for writing waits for its reader: the script opens it once it has drawn.
        var commands = new StreamWriter(await Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write))) { AutoFlush = true };
        return new ClaudeTurnsPane(pane, times, commands);
    }

    /// <summary>Starts a turn: the busy screen, then (with hooks) UserPromptSubmit has recorded busy.</summary>
    public async Task BusyAsync() => await CommandAsync("busy");

    /// <summary>Ends the turn; returns when the Stop hook exited (without hooks: the idle screen was written), on <see cref="Bench.MonotonicNs"/>.</summary>
    public async Task<long> StopAsync() => await CommandAsync("stop");

    private async Task<long> CommandAsync(string command)
    {
        var before = File.ReadAllLines(_times).Length;
        await _commands.WriteLineAsync(command);
        for (var tries = 0; ; tries++)
        {
            var lines = File.ReadAllLines(_times);
            if (lines.Length > before && lines[before].Split(' ') is [var done, var at] && done == command)
                return long.Parse(at, CultureInfo.InvariantCulture);
            if (tries > 5000)
                throw new InvalidOperationException($"pane {Pane} did not take \"{command}\"");
            await Task.Delay(2);
        }
    }

    public void Dispose() => _commands.Dispose();
}
