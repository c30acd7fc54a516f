namespace SessionBridge.Tests.Screens;

/// <summary>Screens of Claude Code as the classifier specs draw them: lines, the idle input box and its rules.</summary>
internal static class ClaudeScreens
{
    internal const string Nbsp = "\u00a0";
    internal static readonly string Rule = new('─', 80);

    internal static string Screen(params string[] lines) => string.Join('\n', lines) + "\n\n";

    internal static string[] IdleBox(string footer = "  ⏸ manual mode on · ? for shortcuts") =>
        [Rule, "❯" + Nbsp, Rule, footer];
}
