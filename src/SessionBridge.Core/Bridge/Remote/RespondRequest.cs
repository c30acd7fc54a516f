namespace SessionBridge.Bridge.Remote;

/// <summary>
/// What respond is asked: a role, and either keys to press, an option of its menu, or an answer to its pending request.
/// <paramref name="CallerRoles"/>: the roles of the asking session's own pane, as its host found them (null: found here):
/// who decides a supervised request is the caller's identity, never the answering server's.
/// <paramref name="Via"/>: where the person answered when not through respond (e.g. "web"), for the record.
/// </summary>
internal sealed record RespondRequest(
    string Role,
    IReadOnlyList<string>? Keys,
    string? Option,
    string? Request,
    IReadOnlyList<string>? Labels,
    string? Text,
    string? Reason,
    IReadOnlyList<string>? CallerRoles = null,
    string? Via = null
);
