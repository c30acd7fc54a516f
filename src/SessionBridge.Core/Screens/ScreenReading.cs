namespace SessionBridge.Screens;

internal sealed record ScreenReading(ScreenState State, string? Heading, IReadOnlyList<MenuOption> Options, string? Question, string Rule, IReadOnlyList<string> Matched);
