namespace SessionBridge.Screens;

/// <summary>
/// What <see cref="ScreenClassifier"/> read from a screen: the state; for a menu its heading and options; for
/// a question its text; and the rule that decided with the lines it matched, so a wrong answer can be traced.
/// </summary>
internal sealed record ScreenReading(
    ScreenState State,
    string? Heading,
    IReadOnlyList<MenuOption> Options,
    string? Question,
    string Rule,
    IReadOnlyList<string> Matched
)
{
    public MenuOption? SelectedOption => Options.FirstOrDefault(o => o.Selected);
}
