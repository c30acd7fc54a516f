using System.Text;
using SessionBridge.State;

namespace SessionBridge.Held;

/// <summary>
/// What a session's own hooks do with the messages held for its role. As additionalContext on PostToolUse
/// (mid-turn), UserPromptSubmit (with the human's own prompt) and SessionStart (after /clear or a restart): claimed
/// once and written each with its <c>[from:role]</c> tag and id, so it can be answered with reply_to. On Stop, and for
/// slash commands (never handed over as context: typed once the prompt is free) or what did not fit, <c>deliver-held</c>
/// types them. Costs one directory listing when nothing is held.
/// </summary>
internal static class HeldHandover
{
    /// <summary>
    /// What <paramref name="hookEvent"/> in <paramref name="pane"/> does with held messages, with <paramref name="room"/>
    /// characters of context. <paramref name="live"/> is asked for only when something is held for the pane's role: the
    /// pane as it is now, so a registration left from another tmux server or pane process gets nothing.
    /// </summary>
    public static async Task<HeldHookOutcome> OnHookAsync(
        StateStore state,
        HookEventName? hookEvent,
        string pane,
        string? socket,
        Func<CancellationToken, Task<PaneIdentity?>> live,
        int room,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        DeliveredVia? via = hookEvent switch
        {
            HookEventName.PostToolUse => DeliveredVia.PostToolUse,
            HookEventName.UserPromptSubmit => DeliveredVia.UserPromptSubmit,
            HookEventName.SessionStart => DeliveredVia.SessionStart,
            _ => null,
        };
        if (via is null && hookEvent != HookEventName.Stop)
            return HeldHookOutcome.Nothing;

        var queue = new HeldQueue(state);
        if (await RoleWithHeldAsync(queue, state, hookEvent, pane, socket, live, cancellationToken) is not { } role)
            return HeldHookOutcome.Nothing;

        var context = via is { } how ? await ClaimAsync(queue, role, how, room, now, cancellationToken) : null;
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
        return (await queue.ForAsync(role, cancellationToken)).Count > 0 ? role : null;
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
        CancellationToken cancellationToken
    )
    {
        var head = Head(role);
        if (room - head.Length < MinimumEntry)
            return null;
        var claimed = await queue.ClaimAsync(role, waiting => Fitting(waiting, room - head.Length), via, now, cancellationToken);
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
