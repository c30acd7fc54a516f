using System.Text.RegularExpressions;

namespace SessionBridge.Screens;

/// <summary>
/// Claude Code's input box: the <c>❯</c> line(s) between the last two full rules at the bottom of the
/// screen. Its text is a draft (typed, not yet submitted), unless it is one of the dim hints Claude Code
/// shows in an empty box. A session started with <c>claude --name dev</c> shows its name at the right end of
/// the box's top rule (<c>────── dev ─</c>): that is <see cref="Name"/>.
/// </summary>
internal sealed partial record PromptBox(string Input, int Top, int Bottom, string? Name = null)
{
    // Hints Claude Code prints inside an empty input box; they are not text anyone typed.
    private static readonly string[] Placeholders = ["Press up to edit queued messages", "Try \""];

    // The footer under the box is a line or a few (mode, hints, notices); more than this and the rules we
    // found belong to something else, such as a menu drawn between rules.
    private const int MaxFooterLines = 6;

    public bool IsPlaceholder => Placeholders.Any(p => Input.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Whether the box holds text somebody typed (or pasted) and has not submitted.</summary>
    public bool HasDraft => Input.Length > 0 && !IsPlaceholder;

    public bool ShowsQueuedHint => Input.StartsWith(Placeholders[0], StringComparison.Ordinal);

    /// <summary>The input box of <paramref name="screen"/>, or null when the screen has none (a menu, another program).</summary>
    public static PromptBox? Read(string screen) => Read(ScreenLines.Split(screen));

    public static PromptBox? Read(IReadOnlyList<string> lines)
    {
        int bottom = -1,
            top = -1;
        for (var i = lines.Count - 1; i >= 0 && i >= lines.Count - 60; i--)
        {
            if (!ScreenLines.IsRule(lines[i]) || ScreenLines.Indent(lines[i]) > 0)
                continue;
            if (bottom < 0)
            {
                bottom = i;
            }
            else
            {
                top = i;
                break;
            }
        }

        if (top < 0 || bottom - top < 2 || !IsBoxLine(lines[top + 1]))
            return null;
        if (lines.Skip(bottom + 1).Count(l => !ScreenLines.IsBlank(l)) > MaxFooterLines)
            return null;

        var first = lines[top + 1][1..].TrimStart(ScreenLines.NoBreakSpace, ' ');
        var rest = Enumerable
            .Range(top + 2, bottom - top - 2)
            .Select(i => lines[i])
            .Select(l => l.StartsWith("  ", StringComparison.Ordinal) ? l[2..] : l);
        var input = string.Join('\n', new[] { first }.Concat(rest)).TrimEnd();
        return new PromptBox(input, top, bottom, ScreenLines.RuleName(lines[top]));
    }

    // The box's first line is ❯ then a no-break space; a menu cursor (❯ 1. Yes) between two rules is not one.
    private static bool IsBoxLine(string line) =>
        line.Length > 0 && line[0] == ScreenLines.Cursor && !MenuCursor().IsMatch(line);

    [GeneratedRegex(@"^\u276f \d+\.\s")]
    private static partial Regex MenuCursor();
}
