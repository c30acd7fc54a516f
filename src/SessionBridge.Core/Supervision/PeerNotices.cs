using SessionBridge.Held;
using SessionBridge.State;

namespace SessionBridge.Supervision;

/// <summary>
/// What a supervisor is told besides questions, when it asked (<see cref="SupervisorEntry.Notices"/>): a supervised
/// role finished a turn (done: its Stop hook, with the start of its answer), or its session ended or its turn failed
/// (ended: SessionEnd, StopFailure; not when <c>session-bridge down</c> stopped it). Each is one hook event, so each is
/// told once, as a message from the role held for the supervisor like a question's notice.
/// </summary>
internal static class PeerNotices
{
    private const int MaxAnswer = 300;

    public static bool Tells(HookEventName? hookEvent) =>
        hookEvent is HookEventName.Stop or HookEventName.StopFailure or HookEventName.SessionEnd;

    /// <summary>Holds the notice for <paramref name="peer"/>'s supervisor, if it asked for this one; returns whom it told.</summary>
    public static async Task<SupervisorEntry?> OnEventAsync(
        StateStore state,
        PeerRegistration peer,
        HookInput input,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        SupervisionNotice? notice = input.Event switch
        {
            HookEventName.Stop => SupervisionNotice.Done,
            HookEventName.StopFailure or HookEventName.SessionEnd => SupervisionNotice.Ended,
            _ => null,
        };
        if (notice is not { } kind || !await state.Supervision.AnyAsync(cancellationToken))
            return null;
        // session-bridge down marks the role stopped before it types /exit: stopped on purpose is not "ended".
        if (kind == SupervisionNotice.Ended && peer.StoppedAt is not null)
            return null;
        // A session ends once: its SessionEnd and its dead pane seen later (OnPaneLost) are one notice.
        var entry = input.Event == HookEventName.SessionEnd
            ? await state.Supervision.ClaimEndedAsync(RoleName.Trusted(peer.Role), peer.RegisteredAt, cancellationToken)
            : await state.Supervision.FindAsync(RoleName.Trusted(peer.Role), cancellationToken);
        // The person is told by the board (watch, the web page), not by a held message no pane would ever take.
        if (entry is null || !entry.Notices.Contains(kind) || entry.Supervisor == RoleName.Person)
            return null;

        var text = input.Event switch
        {
            HookEventName.Stop =>
                $"[session-bridge] {peer.Role} finished a turn."
                    + (string.IsNullOrWhiteSpace(input.LastAssistantMessage)
                        ? ""
                        : $" Its answer begins: {ShownText.Clean(input.LastAssistantMessage, MaxAnswer)}")
                    + $" (read_peer(role: \"{peer.Role}\") has it whole.)",
            HookEventName.StopFailure => $"[session-bridge] {peer.Role}'s turn failed (StopFailure): its session may need you.",
            _ => $"[session-bridge] {peer.Role}'s Claude Code session ended (SessionEnd).",
        };
        await HoldAsync(state, peer, entry, kind, text, now, cancellationToken);
        return entry;
    }

    /// <summary>
    /// A process found <paramref name="peer"/>'s pane lost (gone, dead, or another program's): Claude Code was killed,
    /// the pane closed or the tmux server went, and no hook told anyone. Holds the ended notice for its supervisor
    /// once per session, whichever process saw it first; returns whom it told.
    /// </summary>
    public static async Task<SupervisorEntry?> OnPaneLostAsync(
        StateStore state,
        PeerRegistration peer,
        PaneStatus status,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        if (!await state.Supervision.AnyAsync(cancellationToken))
            return null;
        // Read the registration again: session-bridge down marks the role stopped before it ends the pane, and a
        // role registered again since is another session.
        var role = RoleName.Trusted(peer.Role);
        if (await state.Registry.FindAsync(role, cancellationToken) is not { StoppedAt: null } current || current.RegisteredAt != peer.RegisteredAt)
            return null;
        if (await state.Supervision.ClaimEndedAsync(role, current.RegisteredAt, cancellationToken) is not { } entry || entry.Supervisor == RoleName.Person)
            return null;
        var text = $"[session-bridge] {peer.Role}'s pane is {status.ToWireName()}: its Claude Code session ended without a hook "
            + "(killed, its pane closed, or its tmux server gone).";
        await HoldAsync(state, peer, entry, SupervisionNotice.Ended, text, now, cancellationToken);
        return entry;
    }

    private static Task HoldAsync(
        StateStore state,
        PeerRegistration peer,
        SupervisorEntry entry,
        SupervisionNotice kind,
        string text,
        DateTimeOffset now,
        CancellationToken cancellationToken
    ) =>
        new HeldQueue(state).HoldAsync(
            new MessageRecord(
                MessageId.New(),
                now,
                peer.Role,
                entry.Supervisor,
                text,
                false,
                false,
                $"a {kind.ToWireName()} notice: held for {entry.Supervisor}'s hooks or its free prompt.",
                null,
                DeliveryStatus.Held,
                true
            ),
            cancellationToken
        );
}
