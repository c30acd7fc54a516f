using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;

namespace SessionBridge.Testing;

/// <summary>
/// A real tmux server on a private socket, one per test class, killed afterwards. Never the default
/// server: tests must not type into anybody's panes.
/// </summary>
public sealed class PrivateTmuxServer : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("tmux");

    private int _windows;

    public string Socket => _directory.Combine("sock");

    /// <summary>The value <c>$TMUX</c> would have inside this server.</summary>
    public string TmuxVariable => $"{Socket},0,0";

    public string WorkDirectory => _directory.Path;

    public async ValueTask InitializeAsync()
    {
        // -f /dev/null: the user's ~/.tmux.conf must not change what tests see.
        await Tmux("-f", "/dev/null", "new-session", "-d", "-s", "tests", "-x", "160", "-y", "45", "sleep 86400");
    }

    /// <summary>Starts <paramref name="command"/> in a new window and returns its pane id (e.g. "%3").</summary>
    public async Task<string> StartPaneAsync(string command, int width = 160, int height = 45)
    {
        var name = "w" + Interlocked.Increment(ref _windows);
        var result = await Tmux(
            "new-window", "-d", "-P", "-F", "#{pane_id}", "-t", "tests", "-n", name, command
        );
        var pane = result.StandardOutput.Trim();
        await Tmux("resize-window", "-t", "tests:" + name, "-x", width.ToString(), "-y", height.ToString());
        return pane;
    }

    /// <summary>
    /// Starts a pane whose program writes every byte it receives to a file: a stand-in for Claude Code, so it
    /// runs as <c>claude</c> (cat under that name), as the bridge's check for Claude Code looks for.
    /// </summary>
    public async Task<(string Pane, string Output)> StartRecorderAsync()
    {
        var output = _directory.Combine($"received-{Guid.NewGuid():N}.txt");
        File.WriteAllText(output, "");
        var pane = await StartPaneAsync($"exec '{await NamedClaudeAsync("cat")}' > '{output}'");
        await WaitForCommandAsync(pane, "claude");
        return (pane, output);
    }

    /// <summary>
    /// <paramref name="program"/> under the name <c>claude</c> (a symlink to it, in a directory of its own):
    /// the stand-ins for Claude Code run as a process named <c>claude</c>, as the real one does, so the bridge
    /// takes them for it without any switch in the product.
    /// </summary>
    public async Task<string> NamedClaudeAsync(string program)
    {
        var link = _directory.Combine("as-claude", program, "claude");
        if (File.Exists(link))
            return link;
        // The real executable, not a launcher script (pyenv's python3 is one, and would show as bash).
        var target = program == "python3"
            ? (await Cli.Wrap("python3").WithArguments(["-c", "import os, sys; print(os.path.realpath(sys.executable))"])
                .ExecuteBufferedAsync(TestContext.Current.CancellationToken)).StandardOutput.Trim()
            : (await Cli.Wrap("sh").WithArguments(["-c", $"command -v {program}"])
                .ExecuteBufferedAsync(TestContext.Current.CancellationToken)).StandardOutput.Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        try
        {
            File.CreateSymbolicLink(link, Path.GetFullPath(target));
        }
        catch (IOException) when (File.Exists(link))
        {
            // Another spec of this class made it first.
        }

        return link;
    }

    /// <summary>
    /// Starts the scripted stand-in for Claude Code (Fakes/fake_claude.py, run by python under the name
    /// <c>claude</c>) and waits for its input box.
    /// Returns the pane and the file every submitted message is appended to (NUL-separated).
    /// </summary>
    public async Task<(string Pane, string Log)> StartFakeClaudeAsync(string arguments = "")
    {
        var log = _directory.Combine($"submitted-{Guid.NewGuid():N}.txt");
        File.WriteAllText(log, "");
        var script = BuiltExecutables.Fake("fake_claude.py");
        var pane = await StartPaneAsync($"exec '{await NamedClaudeAsync("python3")}' '{script}' --log '{log}' {arguments}");
        await Eventually.WaitAsync(async () => (await CaptureAsync(pane)).Contains("? for shortcuts"), $"the fake Claude Code in {pane} to draw");
        return (pane, log);
    }

    public async Task<(string Pane, string Log)> StartFakeMenuAsync(int cursor = 1)
    {
        var log = _directory.Combine($"chosen-{Guid.NewGuid():N}.txt");
        File.WriteAllText(log, "");
        var script = BuiltExecutables.Fake("fake_menu.py");
        var pane = await StartPaneAsync($"exec '{await NamedClaudeAsync("python3")}' '{script}' --log '{log}' --cursor {cursor}");
        await Eventually.WaitAsync(async () => (await CaptureAsync(pane)).Contains("Enter to select"), $"the fake menu in {pane} to draw");
        return (pane, log);
    }

    public static string[] Submitted(string log) => File.ReadAllText(log).Split('\0', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Kills the tmux server and starts a new one on the same socket: pane ids start again from %0. The new
    /// server starts only once the old one is gone (its process exited, its socket answers no more): a client
    /// that reaches a server still shutting down is told "server exited unexpectedly".
    /// </summary>
    public async Task RestartAsync()
    {
        var pid = await ServerPidAsync();
        await Tmux("kill-server");
        await Eventually.WaitAsync(() => !IsRunning(pid), $"the old tmux server (pid {pid}) to exit");
        await Eventually.WaitAsync(
            async () =>
                (await Cli.Wrap("tmux").WithArguments(["-S", Socket, "list-sessions"]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(TestContext.Current.CancellationToken)).ExitCode != 0,
            "the old tmux server's socket to stop answering"
        );
        await InitializeAsync();
    }

    /// <summary>The tmux server's pid (<c>#{pid}</c>): what a registration and <c>$TMUX</c> hold.</summary>
    public async Task<int> ServerPidAsync() =>
        int.Parse((await Tmux("list-sessions", "-F", "#{pid}")).StandardOutput.Split('\n')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="pid"/> still runs; a zombie (exited, not yet reaped by a container's init) does not.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Types <paramref name="text"/> into the pane as keystrokes, then Enter unless told not to. A spec that
    /// proves an act typed nothing types a marker afterwards and waits for it: keys reach the program in
    /// order, so anything the act had typed would arrive before (or into) the marker.
    /// </summary>
    public async Task TypeAsync(string pane, string text, bool enter = true)
    {
        await Tmux("send-keys", "-t", pane, "-l", text);
        if (enter)
            await Tmux("send-keys", "-t", pane, "Enter");
    }

    /// <summary>The line <see cref="RecordedBeforeAMarkerAsync"/> and <see cref="SubmittedBeforeAMarkerAsync"/> type.</summary>
    public const string Marker = "marker";

    /// <summary>
    /// What a recorder pane (<see cref="StartRecorderAsync"/>) got before a marker line typed now: whatever
    /// an act typed reached it first, or joined the marker's line. Empty proves the act typed nothing.
    /// </summary>
    public async Task<string> RecordedBeforeAMarkerAsync(string pane, string output)
    {
        await TypeAsync(pane, Marker);
        var recorded = await Eventually.ReadAsync(
            () => Task.FromResult(File.ReadAllText(output)),
            text => text.EndsWith(Marker + "\n", StringComparison.Ordinal),
            $"the marker to reach {pane}"
        );
        return recorded[..^(Marker.Length + 1)];
    }

    /// <summary>
    /// What the fake Claude Code (<see cref="StartFakeClaudeAsync"/>, with an empty input box) took before a
    /// marker line typed now: anything an act typed reached it first, or joined the marker's line, which then
    /// fails the "alone" check. So a spec proves what was typed without a guessed pause.
    /// </summary>
    public async Task<string[]> SubmittedBeforeAMarkerAsync(string pane, string log)
    {
        await TypeAsync(pane, Marker);
        var taken = await Eventually.ReadAsync(
            () => Task.FromResult(Submitted(log)),
            messages => messages.Any(m => m.EndsWith(Marker, StringComparison.Ordinal)),
            $"the fake Claude Code in {pane} to take the marker"
        );
        taken[^1].Should().Be(Marker, "the marker is submitted alone: nothing typed beforehand is left in the input box");
        return taken[..^1];
    }

    public async Task KillPaneAsync(string pane) => await Tmux("kill-pane", "-t", pane);

    public async Task<string> CaptureAsync(string pane) =>
        (await Tmux("capture-pane", "-p", "-t", pane)).StandardOutput;

    public async Task<string> DisplayAsync(string pane, string format) =>
        (await Tmux("display-message", "-p", "-t", pane, format)).StandardOutput.Trim();

    public async Task WaitForCommandAsync(string pane, string command)
    {
        await Eventually.WaitAsync(
            async () => await DisplayAsync(pane, "#{pane_current_command}") == command,
            $"pane {pane} to run {command}"
        );
    }

    public async Task<BufferedCommandResult> Tmux(params string[] arguments) =>
        await Cli.Wrap("tmux")
            .WithArguments(["-S", Socket, .. arguments])
            .WithValidation(CommandResultValidation.ZeroExitCode)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cli.Wrap("tmux")
                .WithArguments(["-S", Socket, "kill-server"])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync();
        }
        catch (Win32Exception)
        {
        }

        _directory.Dispose();
    }
}
