using System.Globalization;

namespace SessionBridge.Tmux;

/// <summary>
/// The tmux commands that make and mend a team's session: sessions, windows, panes marked with their role, and
/// the gate a new pane waits behind until its role is registered. All through <see cref="TmuxClient"/>.
/// </summary>
internal sealed class TmuxSessions(TmuxClient tmux)
{
    /// <summary>The pane option that names the role a pane was started for.</summary>
    public const string RoleOption = "@session-bridge-role";

    // Tab-separated: a socket path may hold spaces.
    private const string PaneFormat = "#{pane_id}\t#{pane_pid}\t#{pane_dead}\t#{" + RoleOption + "}\t#{pid}\t#{socket_path}";

    public TmuxClient Client => tmux;

    public async Task<bool> HasSessionAsync(string session, CancellationToken cancellationToken) =>
        await tmux.TryCommandAsync(["has-session", "-t", "=" + session], cancellationToken) is not null;

    /// <summary>Every pane of <paramref name="session"/>; none when the session (or the server) does not exist.</summary>
    public async Task<IReadOnlyList<TeamPane>> PanesAsync(string session, CancellationToken cancellationToken)
    {
        var output = await tmux.TryCommandAsync(["list-panes", "-s", "-t", "=" + session, "-F", PaneFormat], cancellationToken);
        return output is null ? [] : [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).OfType<TeamPane>()];
    }

    /// <summary>A new detached session whose first pane runs <paramref name="command"/>, at a real size (not 80x24).</summary>
    public Task<TeamPane> NewSessionAsync(
        string session,
        string window,
        (int Width, int Height) size,
        string cwd,
        IReadOnlyList<string> command,
        CancellationToken cancellationToken
    ) =>
        CreateAsync(
            [
                "new-session", "-d", "-s", session, "-n", window,
                "-x", size.Width.ToString(CultureInfo.InvariantCulture), "-y", size.Height.ToString(CultureInfo.InvariantCulture),
                "-c", cwd, "-P", "-F", PaneFormat, .. command,
            ],
            cancellationToken
        );

    /// <summary>A new window of its own (the <c>windows</c> layout).</summary>
    public Task<TeamPane> NewWindowAsync(string session, string window, string cwd, IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        CreateAsync(["new-window", "-d", "-t", "=" + session + ":", "-n", window, "-c", cwd, "-P", "-F", PaneFormat, .. command], cancellationToken);

    /// <summary>A new pane beside the others in the session's window, then all of them tiled (the <c>tiled</c> layout).</summary>
    public async Task<TeamPane> SplitAsync(string session, string cwd, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var pane = await CreateAsync(["split-window", "-d", "-t", "=" + session + ":", "-c", cwd, "-P", "-F", PaneFormat, .. command], cancellationToken);
        await tmux.TryCommandAsync(["select-layout", "-t", pane.Pane, "tiled"], cancellationToken);
        return pane;
    }

    /// <summary>Runs <paramref name="command"/> again in a dead pane (same pane id and window); returns the new process.</summary>
    public async Task<TeamPane> RespawnAsync(string pane, string cwd, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        await tmux.CommandAsync(["respawn-pane", "-k", "-t", pane, "-c", cwd, .. command], cancellationToken);
        var output = await tmux.CommandAsync(["display-message", "-p", "-t", pane, PaneFormat], cancellationToken);
        return Parse(output.TrimEnd('\n')) ?? throw new TmuxException($"tmux did not describe pane {pane} after respawn-pane.");
    }

    /// <summary>
    /// Marks the pane with its role, and keeps it on screen when its program exits (remain-on-exit): a session
    /// that could not resume says why there, and a re-run respawns the same pane.
    /// </summary>
    public async Task MarkAsync(string pane, RoleName role, CancellationToken cancellationToken)
    {
        await tmux.CommandAsync(["set-option", "-p", "-t", pane, RoleOption, role.Value], cancellationToken);
        await tmux.CommandAsync(["set-option", "-p", "-t", pane, "remain-on-exit", "on"], cancellationToken);
    }

    /// <summary>Opens the gate a pane waits behind (<see cref="Gate"/>); a signal sent before the wait still counts.</summary>
    public async Task OpenGateAsync(string channel, CancellationToken cancellationToken) =>
        await tmux.CommandAsync(["wait-for", "-S", channel], cancellationToken);

    public async Task KillPaneAsync(string pane, CancellationToken cancellationToken) =>
        await tmux.TryCommandAsync(["kill-pane", "-t", pane], cancellationToken);

    /// <summary>
    /// <paramref name="command"/> behind a gate: the pane waits on a tmux channel until its role is registered,
    /// so the SessionStart hook finds the role, then execs the command (same process, same pane pid). Arguments
    /// travel as argv, never through a shell's parsing nor a command line typed into the pane.
    /// </summary>
    public static IReadOnlyList<string> Gate(string channel, IReadOnlyList<string> command) =>
        ["sh", "-c", "tmux wait-for \"$0\" && exec \"$@\"", channel, .. command];

    private async Task<TeamPane> CreateAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var output = await tmux.CommandAsync(arguments, cancellationToken);
        return Parse(output.TrimEnd('\n')) ?? throw new TmuxException($"tmux {arguments[0]} did not say which pane it made.");
    }

    private static TeamPane? Parse(string line)
    {
        var fields = line.Split('\t');
        if (fields.Length < 6 || !fields[0].StartsWith('%'))
            return null;
        return new TeamPane(fields[0], ParseInt(fields[1]), fields[2] == "1", fields[3], ParseInt(fields[4]), fields[5]);
    }

    private static int ParseInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
