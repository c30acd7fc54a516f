using SessionBridge.Processes;

namespace SessionBridge.Hook;

/// <summary>
/// The pid of the pane's own process (tmux's <c>#{pane_pid}</c>), found without asking tmux: walk the parent links
/// up from this process; the ancestor whose parent is the tmux server is the pane's. Claude Code runs hooks as its
/// children (through sh), so the walk is three or four steps: on Linux as many small reads of /proc, nothing
/// started; elsewhere one ps.
/// </summary>
internal static class PaneProcess
{
    /// <returns>The pane's pid, or null when this process is not under <paramref name="serverPid"/>.</returns>
    public static async Task<int?> FindAsync(int serverPid, CancellationToken cancellationToken)
    {
        if (serverPid <= 1)
            return null;
        // On Linux this reads files and completes at once; elsewhere it waits for one ps.
        var table = await ProcessTable.ReadAsync(cancellationToken);
        return table.AncestorBelow(Environment.ProcessId, serverPid);
    }
}
