namespace SessionBridge.State;

/// <summary>
/// A role bound to a tmux pane. Pane ids are reused after a tmux restart, so the socket, the server's
/// pid and the pane's pid are kept too: together they tell a live registration from a stale one.
/// <paramref name="StoppedAt"/>: when <c>session-bridge down</c> ended the role's session on purpose (list_peers
/// says <c>stopped</c>, not dead); registering again clears it.
/// <paramref name="Host"/>: the machine whose tmux server has the pane (the team's shared state on NATS); null on the
/// file store, where every pane is this machine's. Only that host types into the pane or reads it.
/// </summary>
internal sealed record PeerRegistration(
    string Role,
    string Pane,
    string? Socket,
    int? ServerPid,
    int? PanePid,
    string? Cwd,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastSeen,
    DateTimeOffset? StoppedAt = null,
    string? Host = null
);
