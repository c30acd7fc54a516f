using SessionBridge.Bridge.Panes;
using SessionBridge.Bridge.Results;
using SessionBridge.Errors;
using SessionBridge.Screens;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Bridge;

/// <summary>register and list_peers: who plays which role, in which pane, and how each pane is doing now.</summary>
internal sealed class Roster(
    BridgeOptions options,
    StateStore state,
    PeerPanes panes,
    TimeProvider clock
)
{
    // tmux reads pane_current_path from the pane's foreground process, and answers empty while a just-started
    // pane's program is still being exec'd (seen under load). This session's own pane runs its MCP server in the
    // session's folder, so that folder stands in; another pane's stays unknown.
    private string? FolderOf(PaneInfo info, string target) =>
        !string.IsNullOrEmpty(info.CurrentPath) ? info.CurrentPath
        : target == options.CallerPane ? Environment.CurrentDirectory
        : null;

    public async Task<RegisterResult> RegisterAsync(string? role, string? pane, CancellationToken cancellationToken)
    {
        var name = RoleName.Parse(role);
        if (name.Value == RoleName.Person)
        {
            throw new BridgeException(
                $"\"{RoleName.Person}\" is reserved for the person at the keyboard (what they send is from {RoleName.Person}): "
                    + "register this session under another role name, such as \"dev\" or \"gestor\"."
            );
        }

        var target = pane ?? options.CallerPane;
        if (string.IsNullOrWhiteSpace(target))
        {
            throw new BridgeException(
                "No pane was given and $TMUX_PANE is not set: this session is not running inside tmux. Start "
                    + "Claude Code inside a tmux pane and register again, or pass {arg:pane} (for example \"%3\").",
                ErrorCode.NoPane
            );
        }

        PaneId.Parse(target);
        var tmux = options.Tmux(options.CallerSocket);
        var probe = await PaneTargeting.InspectAsync(tmux, target, cancellationToken);
        if (probe.Pane is not { } info)
        {
            // Outside tmux only the default server is known: say how to name the one the pane lives on.
            var otherServer = options.CallerSocket is null
                ? " Outside tmux, session-bridge asks the default tmux server; for a pane of another one, run this in one of "
                    + "its panes (tmux sets $TMUX there) or give its socket with {arg:socket} (`tmux display -p '#{socket_path}'` "
                    + "in that server prints it)."
                : "";
            throw new BridgeException(
                $"Cannot register \"{name}\" on pane {target}: {probe.Problem}. Check the pane id with "
                    + "`tmux list-panes -a -F '#{pane_id} #{pane_current_command}'`, or leave {arg:pane} out." + otherServer,
                ErrorCode.NoPane
            );
        }

        if (info.Dead)
            throw new BridgeException($"Cannot register \"{name}\" on pane {target}: the pane is dead.", ErrorCode.NoPane);

        options.State.EnsureCreated();
        var now = clock.GetUtcNow();
        var registration = new PeerRegistration(
            name.Value,
            target,
            tmux.Socket,
            info.ServerPid,
            info.PanePid,
            FolderOf(info, target),
            now,
            now,
            Host: state.Host
        );

        var before = await state.Registry.AllAsync(cancellationToken);
        await state.Registry.SaveAsync(registration, cancellationToken);
        var previous = before.FirstOrDefault(p => p.Role == name.Value);
        var movedFrom = previous is not null && previous.Pane != target ? previous.Pane : null;
        var alsoHere = before
            .Where(p => p.Role != name.Value && p.Pane == target && p.Socket == tmux.Socket)
            .Select(p => p.Role)
            .ToList();
        return new RegisterResult(name.Value, target, tmux.Socket, registration.Cwd, now, movedFrom, alsoHere, state.Host);
    }

    /// <summary>Every role with its pane's status and, for a live pane, what its screen shows; read in parallel.</summary>
    public async Task<ListPeersResult> ListPeersAsync(CancellationToken cancellationToken)
    {
        var supervisors = (await state.Supervision.AllAsync(cancellationToken)).ToDictionary(e => e.Role, e => e.Supervisor, StringComparer.Ordinal);
        var views = await Task.WhenAll(
            (await state.Registry.AllAsync(cancellationToken)).Select(peer =>
                panes.For(peer).ViewAsync(peer, supervisors.GetValueOrDefault(peer.Role), cancellationToken)
            )
        );
        return new ListPeersResult([.. views.Select(v => v with { Team = state.Directory.Team })]);
    }
}
