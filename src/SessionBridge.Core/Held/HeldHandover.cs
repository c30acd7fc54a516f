using System.Text;
using SessionBridge.State;

namespace SessionBridge.Held;

/// <summary>
/// What a session's own hooks do with the messages held for its role. As additionalContext on PostToolUse
/// (mid-turn) and UserPromptSubmit (with the person's own prompt): claimed once, delivered, and written each with
/// its <c>[from:role]</c> tag and id, so it can be answered with reply_to. On SessionStart (after /clear or a
/// restart) the same context reaches the model only with the session's first turn (SPEC §6): such a message is
/// handed over, not delivered, until a turn of that session (UserPromptSubmit, PostToolUse or Stop) carries it;
/// if the session ends first (SessionEnd, or the next SessionStart of the role finds it still handed to an
/// earlier session) it waits again. On Stop, and for slash commands (never handed over as context: typed once the
/// prompt is free) or what did not fit, <c>deliver-held</c> types them. Costs one directory listing when nothing
/// is held.
/// </summary>
internal static class HeldHandover
{
    /// <summary>
    /// What <paramref name="input"/>'s event in <paramref name="pane"/> does with held messages, with <paramref name="room"/>
    /// characters of context. <paramref name="live"/> is asked for only when something is held for the pane's role: the
    /// pane as it is now, so a registration left from another tmux server or pane process gets nothing.
    /// <paramref name="inTranscript"/> says whether a message id is already in this session's transcript (a resumed
    /// conversation that kept an earlier start's context): such a message is not handed over twice.
    /// </summary>
    public static async Task<HeldHookOutcome> OnHookAsync(
        StateStore state,
        HookInput input,
        string pane,
        string? socket,
        Func<CancellationToken, Task<PaneIdentity?>> live,
        Func<string, bool> inTranscript,
        int room,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var hookEvent = input.Event;
        DeliveredVia? via = hookEvent switch
        {
            HookEventName.PostToolUse => DeliveredVia.PostToolUse,
            HookEventName.UserPromptSubmit => DeliveredVia.UserPromptSubmit,
            HookEventName.SessionStart => DeliveredVia.SessionStart,
            _ => null,
        };
        if (via is null && hookEvent is not (HookEventName.Stop or HookEventName.SessionEnd))
            return HeldHookOutcome.Nothing;

        var queue = new HeldQueue(state);
        if (await RoleWithHeldAsync(queue, state, hookEvent, pane, socket, live, cancellationToken) is not { } role)
            return HeldHookOutcome.Nothing;

        var session = input.SessionId;
        switch (hookEvent)
        {
            case HookEventName.SessionEnd:
                await queue.ReturnAsync(role, to => to.Is(session, pane), "its session ended before a turn carried it", now, null, cancellationToken);
                return HeldHookOutcome.Nothing;
            case HookEventName.SessionStart:
                // Whatever is still handed to a session now was never carried by a turn: that session is gone (this
                // pane's role starts anew). A resumed conversation that kept it already has it: handed to this start.
                var here = new Handover(session, pane, now);
                await queue.ReturnAsync(
                    role,
                    _ => true,
                    "the session it was handed to ended before a turn carried it",
                    now,
                    message => message.HandedOver?.SessionId == session && session is not null && inTranscript(message.Id) ? here : null,
                    cancellationToken
                );
                break;
            default:
                // UserPromptSubmit, PostToolUse and Stop come only with a turn: it carries what this session was handed.
                await queue.CarriedAsync(role, session, pane, now, cancellationToken);
                break;
        }

        var context = via is { } how
            ? await ClaimAsync(queue, role, how, room, now, how == DeliveredVia.SessionStart ? new Handover(session, pane, now) : null, cancellationToken)
            : null;
        // Stop: the turn ended, the prompt is about to be free. SessionStart: a slash command or what did not fit.
        var start = hookEvent is HookEventName.Stop or HookEventName.SessionStart && (await queue.ForAsync(role, cancellationToken)).Count > 0;
        return new HeldHookOutcome(context, start);
    }

    /// <summary>
    /// The role registered on the pane, when anything at all is held (else null, at the cost of one listing, or of
    /// one look at the local hint across machines); <paramref name="live"/> is asked for only then.
    /// </summary>
    private static async Task<RoleName?> RoleWithHeldAsync(
        HeldQueue queue,
        StateStore state,
        HookEventName? hookEvent,
        string pane,
        string? socket,
        Func<CancellationToken, Task<PaneIdentity?>> live,
        CancellationToken cancellationToken
    )
    {
        // Across machines the local hint is set by this host's servers, which may all have been down while another
        // host held a message for this pane's role: a session start (rare) asks the team's store itself.
        var ask = hookEvent == HookEventName.SessionStart && state.Hosts is not null;
        if (!ask && !await queue.AnyAsync(cancellationToken))
            return null;
        var peer = await state.Registry.FindByPaneAsync(pane, socket, await live(cancellationToken), cancellationToken);
        if (peer is null)
            return null;
        var role = RoleName.Trusted(peer.Role);
        return await queue.HasAsync(role, cancellationToken) ? role : null;
    }

    /// <summary>
    /// Claims the held messages that fit in <paramref name="room"/> characters and returns the context that carries
    /// them, or null. What does not fit is not claimed: it stays held for the next hook or the deliverer.
    /// </summary>
    private static async Task<string?> ClaimAsync(
        HeldQueue queue,
        RoleName role,
        DeliveredVia via,
        int room,
        DateTimeOffset now,
        Handover? handover,
        CancellationToken cancellationToken
    )
    {
        var head = Head(role);
        if (room - head.Length < MinimumEntry)
            return null;
        var claimed = await queue.ClaimAsync(role, waiting => Fitting(waiting, room - head.Length), via, now, handover, cancellationToken);
        if (claimed.Count == 0)
            return null;
        var text = new StringBuilder(head);
        foreach (var message in claimed)
            text.Append(Entry(message, role, room - head.Length));
        return text.ToString().TrimEnd();
    }

    private static string Head(RoleName role) =>
        $"[session-bridge] Messages for you (\"{role}\") that were held while you could not take typing, handed over "
        + $"now. Answer one with mcp__session-bridge__send(to: <its sender>, from: \"{role}\", reply_to: <its id>, text).\n\n";

    // A first message is cut to fit rather than left out, but only where its tag, its id, a useful start of its
    // text and the note that says where the rest is all fit; with less room it waits.
    private const int MinimumEntry = 400;

    /// <summary>Oldest first, as many as fit; the first always (cut if it must be: the caller leaves <see cref="MinimumEntry"/>). Never a slash command.</summary>
    private static List<MessageRecord> Fitting(IReadOnlyList<MessageRecord> waiting, int room)
    {
        var chosen = new List<MessageRecord>();
        var used = 0;
        foreach (var message in waiting.Where(m => !TypedText.IsSlashCommand(m.Text)))
        {
            var length = Entry(message, RoleName.Trusted(message.To), int.MaxValue).Length;
            if (chosen.Count > 0 && used + length > room)
                break;
            chosen.Add(message);
            used += length;
        }

        return chosen;
    }

    private static string Entry(MessageRecord message, RoleName role, int room)
    {
        var head = $"[from:{message.From}] (id {message.Id}{(message.ReplyTo is { } parent ? $", a reply to {parent}" : "")}) ";
        var body = message.Text;
        var cut = $"\n[… cut here: read it whole with mcp__session-bridge__inbox(role: \"{role}\").]";
        if (head.Length + body.Length + 2 > room && room - head.Length - cut.Length > 0)
            body = body[..Math.Min(body.Length, room - head.Length - cut.Length - 2)] + cut;
        return head + body + "\n\n";
    }
}
