using SessionBridge.Screens;

namespace SessionBridge.Bridge.Results;

/// <summary>
/// The peer's state (busy, waiting_select, waiting_text, idle, unknown); for a menu its heading and
/// options, for a question its text; and the rule and lines that decided, so a wrong answer can be understood.
/// </summary>
internal sealed record DetectQuestionResult(
    string Role,
    ScreenState State,
    string? Heading,
    IReadOnlyList<MenuOption>? Options,
    string? Question,
    string Rule,
    IReadOnlyList<string> Matched
);
