using SessionBridge.Screens;

namespace SessionBridge.Bridge.Results;

/// <summary>
/// The peer's state (busy, waiting_select, waiting_text, idle, unknown); for a menu its heading and
/// options, for a question its text; and the screen's rule and lines, so a wrong answer can be understood.
/// <c>StateSource</c> says whether the hook or the screen decided the state; menu details always come from the screen.
/// <c>Request</c>: a supervised peer's pending permission request, as Claude Code gave its hook (answer it with respond).
/// </summary>
internal sealed record DetectQuestionResult(
    string Role,
    ScreenState State,
    string? Heading,
    IReadOnlyList<MenuOption>? Options,
    string? Question,
    string Rule,
    IReadOnlyList<string> Matched,
    StateSource StateSource = StateSource.Screen,
    DateTimeOffset? StateSince = null,
    PendingRequestView? Request = null
);
