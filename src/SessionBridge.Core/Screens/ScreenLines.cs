using System.Text.RegularExpressions;

namespace SessionBridge.Screens;

/// <summary>Small facts about single lines of a captured screen.</summary>
internal static partial class ScreenLines
{
    public const char Cursor = '\u276f'; // ❯
    public const char NoBreakSpace = '\u00a0';

    // Full-width lines Claude Code draws: ─ around the input box and menus, ╌ around a command, ▔ above plan
    // approval, and heavier variants some themes use.
    private static readonly char[] RuleChars = ['\u2500', '\u254c', '\u2594', '\u2501', '\u2550', '\u2504'];

    public static string[] Split(string screen)
    {
        var lines = screen.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var end = lines.Length;
        while (end > 0 && string.IsNullOrWhiteSpace(lines[end - 1]))
            end--;
        return lines[..end].Select(l => l.TrimEnd()).ToArray();
    }

    public static bool IsBlank(string line) => string.IsNullOrWhiteSpace(line);

    /// <summary>
    /// A full-width line, plain or named: a session started with <c>claude --name dev</c> draws its name at the
    /// right end of the input box's top rule (<c>────── dev ─</c>), and the same rule closes the screen under a menu.
    /// </summary>
    public static bool IsRule(string line) => IsPlainRule(line) || RuleName(line) is not null;

    /// <summary>The name drawn at the right end of a rule (<c>────── dev ─</c> gives <c>dev</c>), or null.</summary>
    public static string? RuleName(string line)
    {
        var match = NamedRule().Match(line.Trim());
        return match.Success ? match.Groups["name"].Value : null;
    }

    private static bool IsPlainRule(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= 10 && trimmed.All(c => Array.IndexOf(RuleChars, c) >= 0);
    }

    public static int Indent(string line)
    {
        var i = 0;
        while (i < line.Length && (line[i] == ' ' || line[i] == NoBreakSpace))
            i++;
        return i;
    }

    /// <summary>The line with its surrounding spaces (including no-break spaces) removed.</summary>
    public static string Text(string line) => line.Trim(' ', NoBreakSpace, '\t');

    // At least ten rule characters, a space, the name (no leading or trailing space), a space, then a short
    // tail of one or two rule characters: a line of text set between dashes is not one.
    [GeneratedRegex(@"^[\u2500\u2501\u2550]{10,} (?<name>\S(?:.{0,62}\S)?) [\u2500\u2501\u2550]{1,2}$")]
    private static partial Regex NamedRule();
}
