namespace SessionBridge.Bridge.Results;

/// <summary>
/// A role as list_peers shows it. <c>Status</c> is alive, dead, gone, stale, copy_mode, shell or
/// stopped (ended by <c>session-bridge down</c>, resumed by <c>up</c>);
/// <c>Alive</c> is true only when a send would be typed. <c>State</c> is what its screen shows (busy, idle,
/// waiting_select, waiting_text, unknown), or the status when the pane is not alive. <c>StateSource</c> says
/// what decided it (hook or screen; null for a pane that is not alive), <c>StateSince</c> since when, as the hook knows.
/// <c>Supervisor</c> is the role that supervises it (supervise), if any. <c>Host</c>: the machine its pane is on, for a
/// team across machines (null on one machine). A pane whose host has no live server is <c>unreachable</c>.
/// <c>Team</c>: the team the role is registered in (its namespace: <c>teams/&lt;team&gt;/</c>, or its NATS team).
/// </summary>
internal sealed record PeerView(
    string Role,
    string Pane,
    string? Cwd,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastSeen,
    bool Alive,
    PaneStatus Status,
    string? Problem,
    ListedState State,
    StateSource? StateSource = null,
    DateTimeOffset? StateSince = null,
    string? Supervisor = null,
    string? Host = null,
    string? Team = null
);
