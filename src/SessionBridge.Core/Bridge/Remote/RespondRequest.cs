namespace SessionBridge.Bridge.Remote;

/// <summary>
/// respond on the peer's own host. <paramref name="CallerRoles"/>: the roles of the asking session's own pane, as its
/// host found them: who decides a supervised request is the caller's identity, never the answering server's.
/// </summary>
internal sealed record RespondRequest(
    string Role,
    IReadOnlyList<string>? Keys,
    string? Option,
    string? Request,
    IReadOnlyList<string>? Labels,
    string? Text,
    string? Reason,
    IReadOnlyList<string> CallerRoles
);
