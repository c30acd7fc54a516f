namespace SessionBridge.Screens;

/// <summary>
/// Claude Code's input box: the <c>❯</c> line(s) between the last two full rules at the bottom of the
/// screen. Its text is a draft (typed, not yet submitted), unless it is one of the dim hints Claude Code
/// shows in an empty box.
/// </summary>
internal sealed record PromptBox(string Input)
{
    private const char Rule = '\u2500';
    private const string Cursor = "\u276f";

    // Hints Claude Code prints inside an empty input box; they are not text anyone typed.
    private static readonly string[] Placeholders = ["Press up to edit queued messages", "Try \""];

    public bool IsPlaceholder => Placeholders.Any(p => Input.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Whether the box holds text somebody typed (or pasted) and has not submitted.</summary>
    public bool HasDraft => Input.Length > 0 && !IsPlaceholder;

    public bool ShowsQueuedHint => Input.StartsWith(Placeholders[0], StringComparison.Ordinal);

    /// <summary>The input box of <paramref name="screen"/>, or null when the screen has none (a menu, another program).</summary>
    public static PromptBox? Read(string screen)
    {
        var lines = screen.Split('\n');
        int bottom = -1, top = -1;
        for (var i = lines.Length - 1; i >= 0 && i >= lines.Length - 60; i--)
        {
            if (!IsRule(lines[i]))
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

        if (top < 0 || bottom - top < 2 || !lines[top + 1].StartsWith(Cursor, StringComparison.Ordinal))
            return null;

        var first = lines[top + 1][Cursor.Length..].TrimStart('\u00a0', ' ');
        var rest = lines[(top + 2)..bottom].Select(l => l.StartsWith("  ", StringComparison.Ordinal) ? l[2..] : l);
        var input = string.Join('\n', new[] { first }.Concat(rest)).TrimEnd();
        return new PromptBox(input);
    }

    private static bool IsRule(string line)
    {
        var trimmed = line.TrimEnd();
        return trimmed.Length >= 10 && trimmed.All(c => c == Rule);
    }
}
