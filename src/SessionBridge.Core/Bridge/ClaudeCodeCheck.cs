using SessionBridge.Processes;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Bridge;

/// <summary>
/// Does this pane run Claude Code? Its own hooks say so when they are wired (a presence record for this very
/// pane process, not ended); otherwise its process tree must hold <c>claude</c>. tmux's pane_current_command
/// is not enough: Claude Code started from a shell script shows as <c>bash</c>, and a node wrapper as <c>node</c>.
/// </summary>
internal sealed class ClaudeCodeCheck(BridgeOptions options)
{
    public async Task<bool> RunsClaudeCodeAsync(PeerRegistration peer, PaneInfo pane, CancellationToken cancellationToken)
    {
        if (peer.Socket is { Length: > 0 } socket)
        {
            var presence = new PresenceStore(options.State).Read(socket, pane.ServerPid, peer.Pane, pane.PanePid);
            if (presence is { State: not PresenceState.Ended })
                return true;
        }

        return await PaneProcesses.HasClaudeCodeAsync(pane.PanePid, cancellationToken);
    }
}
