using System.Runtime.InteropServices;
using SessionBridge.Bridge;
using SessionBridge.State;
using SessionBridge.Supervision;
using SessionBridge.Tmux;

namespace SessionBridge.Hook;

/// <summary>
/// The hook's side of supervision (<see cref="PermissionRequests"/> decides): a supervised peer's PermissionRequest
/// opens a request, tells the supervisor (held, and the deliverer started for its pane) and waits for a decision;
/// the peer's later events end what was answered on screen. An unsupervised peer costs one read of supervision.json.
/// </summary>
internal static class SupervisionHook
{
    // Short: the file is small, a decision must close the dialog well within a second, and it is no busy loop.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);


    /// <summary>The decision JSON to print, or null (unsupervised, answered on screen, or no decision in time).</summary>
    public static string? OnPermissionRequest(HookInput input, string pane, BridgeSettings settings, TimeProvider clock)
    {
        var environment = settings.Variables;
        var state = StateStore.Open(HookTeam.Directory(settings, input), Timings.HookLockWait, clock, environment);
        var socket = TmuxSocket.FromTmuxVariable(environment("TMUX"));
        // Unsupervised (nobody supervises anyone): one stat, and the dialog is left to the person at once.
        if (!state.Supervision.Any() || state.Registry.FindByPane(pane, socket, LivePane.Find(pane, environment)) is not { } peer)
            return null;

        var requests = new PermissionRequests(state);
        // Killed while waiting (Claude Code's timeout, Ctrl-C): leave no pending request behind. Registered before the
        // request exists, under the id it will have, so no signal can come between the two.
        var id = MessageId.New();
        void Abandon(PosixSignalContext _) => requests.End(id, RequestStatus.TimedOut, PermissionRequests.ByTimeout, clock.GetUtcNow());

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Abandon);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Abandon);
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Abandon);
        var opened = requests.Open(
            id,
            peer,
            input.SessionId,
            input.ToolName ?? "",
            input.ToolInputJson,
            input.PermissionSuggestionsJson,
            settings.DecisionWaitTime,
            clock.GetUtcNow()
        );
        if (opened is null)
            return null;
        if (state.Registry.Find(RoleName.Trusted(opened.Supervisor)) is { } supervisor)
            HeldHook.StartDeliverer(supervisor.Pane, settings);

        var ended = Wait(requests, opened, clock)
            ?? requests.End(opened.Id, RequestStatus.TimedOut, PermissionRequests.ByTimeout, clock.GetUtcNow()).Request;
        return ended is { Status: RequestStatus.Decided, Decision: { } decision } ? DecisionOutput.Json(decision) : null;
    }

    /// <summary>
    /// The peer's other events: its pending requests of this session were answered on screen; a finished turn or an
    /// ended session is told to its supervisor, when it asked.
    /// </summary>
    public static void OnEvent(HookInput input, string pane, BridgeSettings settings, TimeProvider clock)
    {
        var environment = settings.Variables;
        var ends = PermissionRequests.EndsRequests(input.Event);
        var tells = PeerNotices.Tells(input.Event);
        if (!ends && !tells)
            return;
        var state = StateStore.Open(HookTeam.Directory(settings, input), Timings.HookLockWait, clock, environment);
        var requests = ends && state.Requests.Any();
        if (!requests && !(tells && state.Supervision.Any()))
            return;
        var socket = TmuxSocket.FromTmuxVariable(environment("TMUX"));
        if (state.Registry.FindByPane(pane, socket, LivePane.Find(pane, environment)) is not { } peer)
            return;
        if (requests)
            new PermissionRequests(state).EndOnEvent(peer, input.SessionId, clock.GetUtcNow());
        if (tells && PeerNotices.OnEvent(state, peer, input, clock.GetUtcNow()) is { } told
            && state.Registry.Find(RoleName.Trusted(told.Supervisor)) is { } supervisor)
            HeldHook.StartDeliverer(supervisor.Pane, settings);
    }

    /// <summary>The request once it has ended, or null when its wait ran out with it still pending.</summary>
    private static PermissionRequestRecord? Wait(PermissionRequests requests, PermissionRequestRecord opened, TimeProvider clock)
    {
        while (clock.GetUtcNow() < opened.WaitUntil)
        {
            var now = requests.Find(opened.Id);
            if (now is null || !now.IsPending)
                return now;
            Thread.Sleep(Poll);
        }

        return null;
    }
}
