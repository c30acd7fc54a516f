using System.Globalization;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Hook;

/// <summary>
/// This hook's pane as it is now: the tmux server from <c>$TMUX</c> ("socket,server pid,session index") and the
/// pane's own process from a walk up the process tree. What a registration or a presence record is checked against,
/// since pane ids start again from %0 when tmux restarts.
/// </summary>
internal static class LivePane
{
    /// <returns>The pane's identity, or null outside tmux or when this process is not under the pane's tmux server.</returns>
    public static async Task<PaneIdentity?> FindAsync(string pane, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var tmux = environment("TMUX");
        var socket = TmuxSocket.FromTmuxVariable(tmux);
        var fields = tmux?.Split(',');
        if (
            socket is not { Length: > 0 }
            || fields is not { Length: >= 2 }
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var serverPid)
            || serverPid <= 1
        )
        {
            return null;
        }

        return await PaneProcess.FindAsync(serverPid, cancellationToken) is { } panePid ? new PaneIdentity(socket, serverPid, pane, panePid) : null;
    }
}
