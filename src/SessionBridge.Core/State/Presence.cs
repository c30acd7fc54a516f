using System.Text.Json.Serialization;

namespace SessionBridge.State;

/// <summary>
/// presence/&lt;key&gt;.json: a pane's state as its Claude Code hooks report it, and the last answer its
/// Stop hook carried. Written by session-bridge-hook on every event; read through <see cref="PresenceStore"/>.
/// </summary>
/// <param name="Since">When <paramref name="State"/> began; unchanged while the same state repeats.</param>
/// <param name="Event">The hook event that last wrote the record.</param>
/// <param name="Tool">The tool of that event, for tool events.</param>
/// <param name="UpdatedAt">When the record was last written.</param>
/// <param name="LastAnswer">The newest Stop's last_assistant_message, bounded (see <see cref="PresenceAnswer"/>).</param>
internal sealed record Presence(
    PresenceState State,
    DateTimeOffset Since,
    string? SessionId,
    HookEventName Event,
    string? Tool,
    DateTimeOffset UpdatedAt,
    string Socket,
    int ServerPid,
    string Pane,
    int PanePid,
    string? LastAnswer,
    DateTimeOffset? LastAnswerAt
)
{
    [JsonIgnore]
    public PaneIdentity Identity => new(Socket, ServerPid, Pane, PanePid);
}
