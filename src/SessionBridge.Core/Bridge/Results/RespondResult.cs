using SessionBridge.Screens;

namespace SessionBridge.Bridge.Results;

/// <summary>
/// What respond pressed, whether it was pressed, why not, the option it aimed at (when chosen by label), and
/// the peer's screen state read right after, so the caller knows the menu went away. When the role had a pending
/// permission request: <c>AnsweredVia</c> "hook" (decided through the peer's own PermissionRequest hook, no key
/// pressed; <c>Decision</c> allow or deny) or "keys"; <c>Status</c> "answered", or "stale" when the request had already
/// ended (answered on screen, decided by another, timed out): nothing pressed or decided, <c>Reason</c> says how it ended.
/// </summary>
internal sealed record RespondResult(
    string Role,
    IReadOnlyList<string> Keys,
    bool Sent,
    string? Reason,
    string? Option = null,
    ScreenState? After = null,
    string? Status = null,
    string? AnsweredVia = null,
    string? Request = null,
    string? Decision = null
);
