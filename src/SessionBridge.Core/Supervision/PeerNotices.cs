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
    public static SupervisorEntry? OnEvent(StateStore state, PeerRegistration peer, HookInput input, DateTimeOffset now)
    {
        SupervisionNotice? notice = input.Event switch
        {
            HookEventName.Stop => SupervisionNotice.Done,
            HookEventName.StopFailure or HookEventName.SessionEnd => SupervisionNotice.Ended,
            _ => null,
        };
        if (notice is not { } kind || !state.Supervision.Any())
            return null;
        // session-bridge down marks the role stopped before it types /exit: stopped on purpose is not "ended".
        if (kind == SupervisionNotice.Ended && peer.StoppedAt is not null)
            return null;
        if (state.Supervision.Find(RoleName.Trusted(peer.Role)) is not { } entry || !entry.Notices.Contains(kind))
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
        new HeldQueue(state).Hold(
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
            )
        );
        return entry;
    }
}
