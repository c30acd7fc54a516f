using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SessionBridge.Bridge.Panes;
using SessionBridge.Bridge.Results;
using SessionBridge.State;

namespace SessionBridge.Bridge.Remote;

/// <summary>
/// The asking side of a team across machines: a peer whose pane is on another host is typed into, read and answered
/// by that host's own server, asked through <see cref="StateStore.Hosts"/>. The caller's checks (arguments, the
/// sender's identity, the loop brake) and the log stay here; the pane's checks and the typing happen there, exactly as
/// on one host. A host with no live server is said to be unreachable, naming it, and nothing is typed.
/// </summary>
internal sealed class RemotePanes(BridgeOptions options, StateStore state, TimeProvider clock) : IPeerPanes
{
    /// <summary>A host whose servers' heartbeat is older than this has none running: its roles are unreachable.</summary>
    public static readonly TimeSpan HeartbeatAge = TimeSpan.FromSeconds(30);

    // A look at a peer for list_peers: a host that does not answer within this is shown unreachable, not waited for.
    private static readonly TimeSpan LookTimeout = TimeSpan.FromSeconds(3);

    // Reading or answering a screen takes a few tmux calls; a host that takes longer is not answering.
    private static readonly TimeSpan ScreenTimeout = TimeSpan.FromSeconds(15);

    // Typing waits for the pane's lock first, then settles, presses Enter and verifies.
    private static readonly TimeSpan TypeMargin = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Types <paramref name="text"/> on the peer's host (its pane's lock and checks, held on a menu or a draft). A host
    /// that cannot be reached types nothing: the message is held, so the peer's own hooks hand it over once its session
    /// runs there again.
    /// </summary>
    public async Task<Delivery> TypeAsync(PeerRegistration peer, string text, bool submit, bool force, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.SerializeToUtf8Bytes(new TypeRequest(peer.Role, text, submit, force), HostJsonContext.Default.TypeRequest);
        var (answer, problem) = await AskAsync(peer, HostOperation.Type, request, HostJsonContext.Default.TypeAnswer, options.PaneLockTimeout + TypeMargin, cancellationToken);
        if (answer is null)
        {
            return new Delivery(
                DeliveryStatus.Held,
                $"{peer.Role}'s pane is on host {peer.Host}, which cannot be reached: {problem}. Nothing was typed; the message "
                    + $"is held, and {peer.Role}'s own hooks hand it over once, when its session runs again on {peer.Host} (a "
                    + $"Claude Code session with session-bridge started there brings the host back)."
            );
        }

        return new Delivery(answer.Status, answer.Reason);
    }

    public Task<ReadPeerResult> ReadAsync(PeerRegistration peer, int scrollback, CancellationToken cancellationToken) =>
        RequireAsync(
            peer,
            HostOperation.Read,
            JsonSerializer.SerializeToUtf8Bytes(new ScreenRequest(peer.Role, scrollback), HostJsonContext.Default.ScreenRequest),
            HostJsonContext.Default.ReadPeerResult,
            ScreenTimeout,
            "read the screen of",
            cancellationToken
        );

    public Task<DetectQuestionResult> DetectAsync(PeerRegistration peer, int scrollback, CancellationToken cancellationToken) =>
        RequireAsync(
            peer,
            HostOperation.Detect,
            JsonSerializer.SerializeToUtf8Bytes(new ScreenRequest(peer.Role, scrollback), HostJsonContext.Default.ScreenRequest),
            HostJsonContext.Default.DetectQuestionResult,
            ScreenTimeout,
            "read the screen of",
            cancellationToken
        );

    /// <summary>respond on the peer's host; who is asking (the supervisor's identity) is decided here, from the caller's own pane.</summary>
    public async Task<RespondResult> RespondAsync(PeerRegistration peer, RespondRequest request, CancellationToken cancellationToken) =>
        await RequireAsync(
            peer,
            HostOperation.Respond,
            JsonSerializer.SerializeToUtf8Bytes(
                request with { CallerRoles = await CallerRoles.OfAsync(options, state, null, cancellationToken) },
                HostJsonContext.Default.RespondRequest
            ),
            HostJsonContext.Default.RespondResult,
            ScreenTimeout,
            "answer",
            cancellationToken
        );

    /// <summary>wait_for on the peer's host, which watches its presence there: it wakes on the peer's hook, not on polling.</summary>
    public Task<WaitResult> WaitAsync(PeerRegistration peer, WaitCondition condition, int seconds, CancellationToken cancellationToken) =>
        RequireAsync(
            peer,
            HostOperation.Wait,
            JsonSerializer.SerializeToUtf8Bytes(new WaitRequest(peer.Role, condition.ToWireName(), seconds), HostJsonContext.Default.WaitRequest),
            HostJsonContext.Default.WaitResult,
            TimeSpan.FromSeconds(seconds) + ScreenTimeout,
            "wait for",
            cancellationToken
        );

    /// <summary>The peer as its host sees it for list_peers; an unreachable host's peer is shown so, with why.</summary>
    public async Task<PeerView> ViewAsync(PeerRegistration peer, string? supervisor, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.SerializeToUtf8Bytes(new ScreenRequest(peer.Role), HostJsonContext.Default.ScreenRequest);
        PeerView? view;
        string? problem;
        try
        {
            (view, problem) = await AskAsync(peer, HostOperation.View, request, HostJsonContext.Default.PeerView, LookTimeout, cancellationToken);
        }
        catch (BridgeException e)
        {
            // One peer the host could not show (it moved meanwhile) must not fail the whole list.
            (view, problem) = (null, $"host {peer.Host} could not show it: {e.Message}");
        }

        return view
            ?? new PeerView(
                peer.Role,
                peer.Pane,
                peer.Cwd,
                peer.RegisteredAt,
                peer.LastSeen,
                false,
                PaneStatus.Unreachable,
                $"{peer.Role}'s pane is on host {peer.Host}, which cannot be reached: {problem}. Messages sent to {peer.Role} are "
                    + $"held and handed over by its own hooks when its session runs again there.",
                ListedState.Unreachable,
                Supervisor: supervisor,
                Host: peer.Host
            );
    }

    private async Task<T> RequireAsync<T>(
        PeerRegistration peer,
        string operation,
        byte[] request,
        JsonTypeInfo<T> info,
        TimeSpan timeout,
        string what,
        CancellationToken cancellationToken
    )
        where T : class
    {
        var (answer, problem) = await AskAsync(peer, operation, request, info, timeout, cancellationToken);
        return answer
            ?? throw new BridgeException(
                $"Cannot {what} {peer.Role}: its pane is on host {peer.Host}, which cannot be reached ({problem}). Nothing was "
                    + $"typed or read. A Claude Code session with session-bridge running on {peer.Host} (with the same "
                    + $"SESSION_BRIDGE_NATS and SESSION_BRIDGE_TEAM) answers for its panes: start one there, then try again; "
                    + "{cmd:list_peers} shows the host's roles as unreachable until then.",
                ErrorCode.NoPane
            );
    }

    /// <summary>The host's answer, or why there is none. An error the host raised is raised here, as if the pane were local.</summary>
    private async Task<(T? Answer, string? Problem)> AskAsync<T>(
        PeerRegistration peer,
        string operation,
        byte[] request,
        JsonTypeInfo<T> info,
        TimeSpan timeout,
        CancellationToken cancellationToken
    )
        where T : class
    {
        var link = state.Hosts ?? throw new InvalidOperationException("only a store with hosts has remote panes");
        var host = peer.Host!;
        if (await SilentAsync(link, host, cancellationToken) is { } silent)
            return (null, silent);
        var reply = await link.RequestAsync(host, operation, request, timeout, cancellationToken);
        if (reply.Answer is not { } bytes)
            return (null, reply.Problem);

        HostAnswer? answer;
        try
        {
            answer = JsonSerializer.Deserialize(bytes, HostJsonContext.Default.HostAnswer);
        }
        catch (JsonException e)
        {
            return (null, $"host {host} answered something this server cannot read ({e.Message}): is it running another version?");
        }

        if (answer?.Error is { } error)
        {
            throw answer.Code == ErrorCode.State
                ? new StateException(error, StateOrigin.Nats(state.Location))
                : new BridgeException(error, answer.Code ?? ErrorCode.InvalidArgument);
        }

        if (answer?.Outcome is not { } outcome || outcome.Deserialize(info) is not { } value)
            return (null, $"host {host} answered without a result: is it running another version?");
        return (value, null);
    }

    /// <summary>Why <paramref name="host"/> has no live server by its heartbeat, or null when it has one.</summary>
    private async Task<string?> SilentAsync(IHostLink link, string host, CancellationToken cancellationToken)
    {
        var beat = await link.LastBeatAsync(host, cancellationToken);
        if (beat is null)
            return $"no session-bridge server has run on host {host} yet";
        var age = clock.GetUtcNow() - beat.Value;
        return age > HeartbeatAge ? $"its session-bridge servers were last heard from {age.TotalSeconds:0} s ago" : null;
    }
}
