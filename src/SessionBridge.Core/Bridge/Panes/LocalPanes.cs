using SessionBridge.Bridge.Remote;
using SessionBridge.Bridge.Results;
using SessionBridge.Screens;
using SessionBridge.State;
using SessionBridge.Supervision;
using SessionBridge.Tmux;

namespace SessionBridge.Bridge.Panes;

/// <summary>
/// The panes of this host, driven through tmux: typed into (<see cref="PaneTyping"/>), read, answered
/// (<see cref="PaneAnswering"/>), watched (<see cref="PaneWatching"/>) and shown, each after checking it is still the
/// registered pane (<see cref="PaneTargeting"/>). What the host agent answers other hosts' requests with, too.
/// </summary>
internal sealed class LocalPanes(
    BridgeOptions options,
    StateStore state,
    PaneTargeting targeting,
    PeerStateReader reader,
    PaneTyping typing,
    PaneAnswering answering,
    PaneWatching watching,
    TimeProvider clock
) : IPeerPanes
{
    public Task<Delivery> TypeAsync(PeerRegistration peer, string text, bool submit, bool force, CancellationToken cancellationToken) =>
        typing.TypeAsync(peer, text, submit, force, cancellationToken);

    public async Task<ReadPeerResult> ReadAsync(PeerRegistration peer, int scrollback, CancellationToken cancellationToken)
    {
        var screen = await targeting.CaptureAsync(peer, scrollback, cancellationToken);
        var presence = reader.Presence(peer);
        return new ReadPeerResult(peer.Role, peer.Pane, scrollback, screen, presence?.LastAnswer, presence?.LastAnswerAt);
    }

    public async Task<DetectQuestionResult> DetectAsync(PeerRegistration peer, int scrollback, CancellationToken cancellationToken)
    {
        var screen = await targeting.CaptureAsync(peer, scrollback, cancellationToken);
        var live = reader.Read(peer, screen);
        var reading = live.Screen;
        // Menu details come from the screen; a supervised peer's request, from what Claude Code gave its hook.
        var menu = live.State == ScreenState.WaitingSelect && reading.State == ScreenState.WaitingSelect;
        return new DetectQuestionResult(
            peer.Role,
            live.State,
            reading.Heading,
            menu ? reading.Options : null,
            live.State == ScreenState.WaitingText ? reading.Question : null,
            reading.Rule,
            reading.Matched,
            live.Source,
            live.Since,
            await PendingRequestAsync(peer.Role, cancellationToken)
        );
    }

    public Task<RespondResult> RespondAsync(PeerRegistration peer, RespondRequest request, CancellationToken cancellationToken) =>
        answering.RespondAsync(peer, request, cancellationToken);

    public Task<WaitResult> WaitAsync(PeerRegistration peer, WaitCondition condition, int seconds, CancellationToken cancellationToken) =>
        watching.WaitAsync(peer, condition, seconds, cancellationToken);

    public async Task<PeerView> ViewAsync(PeerRegistration peer, string? supervisor, CancellationToken cancellationToken)
    {
        var check = Stopped(peer, await targeting.CheckAsync(peer, cancellationToken));
        var (live, source, since) = await LiveStateAsync(peer, check, cancellationToken);
        // Last seen moves with the role's own events (its hooks' presence), not only with registering and sending.
        var lastSeen = reader.Presence(peer) is { } presence && presence.UpdatedAt > peer.LastSeen ? presence.UpdatedAt : peer.LastSeen;
        return new PeerView(
            peer.Role,
            peer.Pane,
            peer.Cwd,
            peer.RegisteredAt,
            lastSeen,
            check.Problem is null,
            check.Status,
            check.Problem,
            live,
            source,
            since,
            supervisor,
            peer.Host
        );
    }

    /// <summary>The role's pending permission request (the newest, if several), as Claude Code gave its hook; null for none.</summary>
    public async Task<PendingRequestView?> PendingRequestAsync(string role, CancellationToken cancellationToken)
    {
        if (!await state.Requests.AnyAsync(cancellationToken))
            return null;
        var pending = await new PermissionRequests(state).PendingForAsync(RoleName.Parse(role), clock.GetUtcNow(), cancellationToken);
        return pending.Count > 0 ? PendingRequestView.Of(pending[^1]) : null;
    }

    /// <summary>
    /// A role whose pane <c>session-bridge down</c> ended is stopped on purpose, not dead: its state waits for
    /// the next <c>session-bridge up</c>.
    /// </summary>
    private static TargetCheck Stopped(PeerRegistration peer, TargetCheck check)
    {
        if (!check.Status.IsLost() || peer.StoppedAt is null)
            return check;
        return new TargetCheck(
            PaneStatus.Stopped,
            $"{peer.Role} was stopped by `session-bridge down`; its messages wait in its mailbox, and "
                + "`session-bridge up` resumes its session."
        );
    }

    /// <summary>
    /// busy, idle, waiting_select… from the pane's presence and one screen read (<see cref="PeerStateReader"/>);
    /// for a pane that is not alive, its status.
    /// </summary>
    private async Task<(ListedState State, StateSource? Source, DateTimeOffset? Since)> LiveStateAsync(
        PeerRegistration peer,
        TargetCheck check,
        CancellationToken cancellationToken
    )
    {
        if (check.Status.IsLost())
            return (check.Status.ToListedState(), null, null);
        string? screen;
        try
        {
            screen = await options.Tmux(peer.Socket).CaptureAsync(peer.Pane, 0, cancellationToken);
        }
        catch (TmuxException)
        {
            screen = null;
        }

        var live = reader.Read(peer, screen);
        return (live.State.ToListedState(), live.Source, live.Since);
    }
}
