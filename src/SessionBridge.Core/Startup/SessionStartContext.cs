using System.Text;
using SessionBridge.State;

namespace SessionBridge.Startup;

/// <summary>
/// What the SessionStart hook tells a session that starts, resumes, is cleared or compacted in a registered
/// pane: which role it is, that role's saved briefing, and how to reach its peers. Null when there is
/// nothing to restore (the pane is not registered, or its role has no saved prompt).
/// </summary>
internal static class SessionStartContext
{
    /// <summary>Claude Code keeps about 10,000 characters of a hook's additionalContext.</summary>
    public const int MaxLength = 9_500;

    /// <param name="live">The pane as it is now, when known: a registration left from another tmux server or pane process is not restored.</param>
    public static async Task<string?> BuildAsync(
        StateStore state,
        string pane,
        string? socket,
        string? source,
        PaneIdentity? live,
        CancellationToken cancellationToken
    )
    {
        var peer = await state.Registry.FindByPaneAsync(pane, socket, live, cancellationToken);
        if (peer is null)
            return null;
        var role = RoleName.Parse(peer.Role);
        var prompt = await state.Prompts.FindAsync(role, cancellationToken);
        if (prompt is null || string.IsNullOrWhiteSpace(prompt.Prompt))
            return null;

        var peers = (await state.Registry.AllAsync(cancellationToken))
            .Select(p => p.Role)
            .Where(r => r != peer.Role)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        var when = source switch
        {
            "clear" => " (restored after /clear)",
            "compact" => " (restored after compaction)",
            "resume" => " (restored on resume)",
            _ => "",
        };
        var head = $"[session-bridge] You are the \"{peer.Role}\" session (tmux pane {peer.Pane}){when}. "
            + $"Your saved briefing for the role \"{peer.Role}\":\n\n";
        var reach = peers.Count == 0
            ? $"\n\nNo other role is registered yet. Read messages sent to you with "
                + $"mcp__session-bridge__inbox(role: \"{peer.Role}\")."
            : $"\n\nYour peers: {string.Join(", ", peers)}. Reach them with mcp__session-bridge__send(to, from: "
                + $"\"{peer.Role}\", text); read what they sent you with mcp__session-bridge__inbox(role: \"{peer.Role}\").";

        var body = prompt.Prompt.Trim();
        var room = MaxLength - head.Length - reach.Length;
        if (body.Length > room)
        {
            var note = $"\n\n[… cut here: the briefing has {body.Length:N0} characters. Call "
                + $"mcp__session-bridge__get_prompt(role: \"{peer.Role}\") to read all of it.]";
            body = CutAt(body, Math.Max(0, room - note.Length)) + note;
        }

        return new StringBuilder(head).Append(body).Append(reach).ToString();
    }

    // Never split a surrogate pair.
    private static string CutAt(string text, int length) =>
        length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
}
