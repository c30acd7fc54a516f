using SessionBridge.Processes;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Bridge;

/// <summary>
/// Is this still the registered pane, alive, the same process, and ready for keys? Pane ids are reused after
/// a tmux restart, so the server's and the pane's pids are compared too: a stranger's pane is never typed
/// into or read.
/// <paramref name="onLost"/> hears of every pane found lost (gone, stale or dead), whoever looked: that is how a
/// supervisor learns of a session that ended without a hook.
/// </summary>
internal sealed class PaneTargeting(BridgeOptions options, Func<PeerRegistration, PaneStatus, CancellationToken, Task>? onLost = null)
{
    public async Task<TargetCheck> CheckAsync(PeerRegistration peer, CancellationToken cancellationToken)
    {
        var check = await InspectPeerAsync(peer, cancellationToken);
        if (onLost is not null && check.Status is PaneStatus.Gone or PaneStatus.Stale or PaneStatus.Dead)
            await onLost(peer, check.Status, cancellationToken);
        return check;
    }

    private async Task<TargetCheck> InspectPeerAsync(PeerRegistration peer, CancellationToken cancellationToken)
    {
        var role = peer.Role;
        PaneProbe probe;
        try
        {
            probe = await options.Tmux(peer.Socket).InspectAsync(peer.Pane, cancellationToken);
        }
        // Without tmux no pane can be looked at: that error (naming tmux) goes to the caller, never a pane "gone".
        catch (TmuxException e) when (!e.NotInstalled)
        {
            return new TargetCheck(PaneStatus.Gone, $"{e.Message} Nothing was typed into {role}'s pane.");
        }

        if (probe.Pane is not { } info)
        {
            return Problem(
                PaneStatus.Gone,
                $"{role}'s pane {peer.Pane} is gone ({probe.Problem}): session-bridge up starts {role} again with its "
                    + $"conversation; {role} can still read the message with {{cmd:inbox {role}}}."
            );
        }

        if (IsReplaced(peer, info))
        {
            return Problem(
                PaneStatus.Stale,
                $"{role}'s registration is stale: pane {peer.Pane} now belongs to another program (tmux was "
                    + $"restarted or the pane was replaced). Run session-bridge up: it starts {role} again with its conversation; nothing was typed."
            );
        }

        if (info.Dead)
        {
            return Problem(
                PaneStatus.Dead,
                $"{role}'s pane {peer.Pane} is dead (its program exited): restart Claude Code there and "
                    + $"re-register {role}; {role} can still read the message with {{cmd:inbox {role}}}."
            );
        }

        if (info.InMode)
        {
            return Problem(
                PaneStatus.CopyMode,
                $"{role}'s pane {peer.Pane} is in copy mode, which would swallow the keys: ask the human to "
                    + "press q in that pane, then try again."
            );
        }

        if (PaneProcesses.IsShell(info.CurrentCommand) && !await PaneProcesses.HasClaudeCodeAsync(info.PanePid, cancellationToken))
        {
            return Problem(
                PaneStatus.Shell,
                $"{role}'s pane {peer.Pane} shows a {info.CurrentCommand} prompt, not Claude Code: typing would "
                    + $"run the text as a shell command. Start Claude Code there and re-register {role}."
            );
        }

        return new TargetCheck(PaneStatus.Alive, null, info);
    }

    /// <summary>The peer's screen with <paramref name="scrollback"/> lines above it; never a stranger's pane.</summary>
    public async Task<string> CaptureAsync(PeerRegistration peer, int scrollback, CancellationToken cancellationToken)
    {
        var check = await CheckAsync(peer, cancellationToken);
        // Reading is harmless in a shell or copy mode, but never read a stranger's pane.
        if (check.Status is PaneStatus.Gone or PaneStatus.Stale)
            throw new BridgeException($"Cannot read {peer.Role}'s screen: {check.Problem}");
        try
        {
            return await options.Tmux(peer.Socket).CaptureAsync(peer.Pane, scrollback, cancellationToken);
        }
        catch (TmuxException e)
        {
            throw new BridgeException($"Cannot read {peer.Role}'s screen: {e.Message}");
        }
    }

    /// <summary>
    /// Whether the registration was made for another tmux server or another process in the pane now called
    /// <c>peer.Pane</c> (older registrations without pids are taken at their word).
    /// </summary>
    public static bool IsReplaced(PeerRegistration peer, PaneInfo live) => !PaneIdentity.Fits(peer, live.ServerPid, live.PanePid);

    /// <summary>A pane as tmux sees it now; a tmux that cannot be reached is a missing pane, not an exception.</summary>
    public static async Task<PaneProbe> InspectAsync(TmuxClient tmux, string pane, CancellationToken cancellationToken)
    {
        try
        {
            return await tmux.InspectAsync(pane, cancellationToken);
        }
        catch (TmuxException e)
        {
            return PaneProbe.Missing(e.Message);
        }
    }

    private TargetCheck Problem(PaneStatus status, string template) => new(status, options.Words.Render(template));
}
