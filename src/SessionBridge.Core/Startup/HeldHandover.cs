using System.Text;
using SessionBridge.Bridge;
using SessionBridge.State;

namespace SessionBridge.Startup;

/// <summary>
/// What the hook hands a session's model of the messages held for its role: claimed once (under the mailbox
/// lock) and written as additionalContext, each with its <c>[from:role]</c> tag and id so it can be answered
/// with reply_to. A slash command is never handed over as context: it is typed once the prompt is free.
/// </summary>
internal static class HeldHandover
{
    /// <summary>
    /// The role registered on the pane, when anything at all is held (else null, at the cost of one listing).
    /// <paramref name="live"/> is asked for only then: the pane as it is now, so a registration left from another
    /// tmux server or pane process gets nothing.
    /// </summary>
    public static RoleName? RoleWithHeld(StateStore state, string pane, string? socket, Func<PaneIdentity?> live)
    {
        if (!state.Messages.AnyHeld())
            return null;
        var peer = state.Registry.FindByPane(pane, socket, live());
        if (peer is null)
            return null;
        var role = RoleName.Trusted(peer.Role);
        return state.Messages.Held(role).Count > 0 ? role : null;
    }

    /// <summary>
    /// Claims the held messages that fit in <paramref name="room"/> characters and returns the context that carries
    /// them, or null. What does not fit is not claimed: it stays held for the next hook or the deliverer.
    /// </summary>
    public static string? Claim(StateStore state, RoleName role, DeliveredVia via, int room, DateTimeOffset now)
    {
        var head = Head(role);
        if (room - head.Length < MinimumEntry)
            return null;
        var claimed = state.Messages.ClaimHeld(role, waiting => Fitting(waiting, room - head.Length), via, now);
        if (claimed.Count == 0)
            return null;
        var text = new StringBuilder(head);
        foreach (var message in claimed)
            text.Append(Entry(message, role, room - head.Length));
        return text.ToString().TrimEnd();
    }

    /// <summary>Whether a held message for <paramref name="role"/> still waits (after a claim: slash commands, or what did not fit).</summary>
    public static bool AnyLeft(StateStore state, RoleName role) => state.Messages.Held(role).Count > 0;

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
        foreach (var message in waiting.Where(m => !MessageSending.IsSlashCommand(m.Text)))
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
