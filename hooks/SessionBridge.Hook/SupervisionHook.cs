using System.Runtime.InteropServices;
using SessionBridge.Bridge;
using SessionBridge.State;
using SessionBridge.Supervision;

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
    public static async Task<string?> OnPermissionRequestAsync(
        StateStore state,
        HookInput input,
        HookPane pane,
        BridgeSettings settings,
        TimeProvider clock,
        CancellationToken cancellationToken
    )
    {
        // Unsupervised (nobody supervises anyone): one stat, and the dialog is left to the person at once.
        if (
            !await state.Supervision.AnyAsync(cancellationToken)
            || await state.Registry.FindByPaneAsync(pane.Id, pane.Socket, await pane.LiveAsync(cancellationToken), cancellationToken) is not { } peer
        )
            return null;

        var requests = new PermissionRequests(state);
        // Killed while waiting (Claude Code's timeout, Ctrl-C): leave no pending request behind. The signal stops the
        // wait, and the request is ended as timed out before the process exits. Registered before the request exists,
        // under the id it will have, so no signal can come between the two.
        var id = MessageId.New();
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Abandon(PosixSignalContext context)
        {
            context.Cancel = true;
            abandon.Cancel();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Abandon);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Abandon);
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Abandon);
        try
        {
            var opened = await requests.OpenAsync(
                id,
                peer,
                input.SessionId,
                input.ToolName ?? "",
                input.ToolInputJson,
                input.PermissionSuggestionsJson,
                settings.DecisionWaitTime,
                clock.GetUtcNow(),
                abandon.Token
            );
            if (opened is null)
                return null;
            if (await state.Registry.FindAsync(RoleName.Trusted(opened.Supervisor), abandon.Token) is { } supervisor)
                await HeldHook.StartDelivererAsync(supervisor.Pane, state.Directory.Team, settings, abandon.Token);

            var ended = await WaitAsync(requests, opened, clock, abandon.Token)
                ?? (await requests.EndAsync(opened.Id, RequestStatus.TimedOut, PermissionRequests.ByTimeout, clock.GetUtcNow(), abandon.Token)).Request;
            return ended is { Status: RequestStatus.Decided, Decision: { } decision } ? DecisionOutput.Json(decision) : null;
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // Not the caller's token: the end must be written even though the wait was stopped.
            await requests.EndAsync(id, RequestStatus.TimedOut, PermissionRequests.ByTimeout, clock.GetUtcNow(), CancellationToken.None);
            return null;
        }
    }

    /// <summary>
    /// The peer's other events: its pending requests of this session were answered on screen; a finished turn or an
    /// ended session is told to its supervisor, when it asked.
    /// </summary>
    public static async Task OnEventAsync(
        StateStore state,
        HookInput input,
        HookPane pane,
        BridgeSettings settings,
        TimeProvider clock,
        CancellationToken cancellationToken
    )
    {
        var ends = PermissionRequests.EndsRequests(input.Event);
        var tells = PeerNotices.Tells(input.Event);
        if (!ends && !tells)
            return;
        var requests = ends && await state.Requests.AnyAsync(cancellationToken);
        if (!requests && !(tells && await state.Supervision.AnyAsync(cancellationToken)))
            return;
        if (await state.Registry.FindByPaneAsync(pane.Id, pane.Socket, await pane.LiveAsync(cancellationToken), cancellationToken) is not { } peer)
            return;
        if (requests)
            await new PermissionRequests(state).EndOnEventAsync(peer, input.SessionId, clock.GetUtcNow(), cancellationToken);
        if (tells && await PeerNotices.OnEventAsync(state, peer, input, clock.GetUtcNow(), cancellationToken) is { } told
            && await state.Registry.FindAsync(RoleName.Trusted(told.Supervisor), cancellationToken) is { } supervisor)
            await HeldHook.StartDelivererAsync(supervisor.Pane, state.Directory.Team, settings, cancellationToken);
    }

    /// <summary>The request once it has ended, or null when its wait ran out with it still pending.</summary>
    private static async Task<PermissionRequestRecord?> WaitAsync(
        PermissionRequests requests,
        PermissionRequestRecord opened,
        TimeProvider clock,
        CancellationToken cancellationToken
    )
    {
        while (clock.GetUtcNow() < opened.WaitUntil)
        {
            var now = await requests.FindAsync(opened.Id, cancellationToken);
            if (now is null || !now.IsPending)
                return now;
            await Task.Delay(Poll, clock, cancellationToken);
        }

        return null;
    }
}
