using SessionBridge.Screens;

namespace SessionBridge.Bridge.Results;

/// <summary>
/// What respond pressed, whether it was pressed, why not, the option it aimed at (when chosen by label), and
/// the peer's screen state read right after, so the caller knows the menu went away.
/// </summary>
internal sealed record RespondResult(
    string Role,
    IReadOnlyList<string> Keys,
    bool Sent,
    string? Reason,
    string? Option = null,
    ScreenState? After = null
);
