using System.Text.RegularExpressions;

namespace SessionBridge.Screens;

/// <summary>
/// What happened since the last user turn (<c>❯ text</c>) above the input box: whether Claude Code asked
/// "What should Claude do instead?" after an interrupt, or Claude's last message ends in a question.
/// </summary>
internal static partial class LastTurn
{
    private const string Bullet = "\u25cf"; // ● starts each assistant message and tool call
    private const char ToolResult = '\u23bf'; // ⎿ hangs a tool's output under its call

    public static ScreenReading? ReadQuestion(IReadOnlyList<string> lines, int boxTop)
    {
        var start = 0;
        for (var i = boxTop - 1; i >= 0; i--)
        {
            if (IsUserTurn(lines[i]))
            {
                start = i + 1;
                break;
            }
        }

        for (var i = boxTop - 1; i >= start; i--)
        {
            var interrupted = Interrupted().Match(lines[i]);
            if (interrupted.Success)
            {
                return new ScreenReading(
                    ScreenState.WaitingText,
                    null,
                    [],
                    interrupted.Groups[1].Value.Trim(),
                    "question: interrupted, Claude Code asks what to do instead",
                    [lines[i]]
                );
            }
        }

        var message = LastMessage(lines, start, boxTop);
        if (message is null)
            return null;

        var question = TrailingQuestion(message.Value.Paragraphs);
        return question is null
            ? null
            : new ScreenReading(
                ScreenState.WaitingText,
                null,
                [],
                question,
                "question: Claude's last message ends in a question",
                message.Value.Lines
            );
    }

    private static bool IsUserTurn(string line) =>
        line.Length > 2 && line[0] == ScreenLines.Cursor && line[1] == ' ' && !char.IsWhiteSpace(line[2]);

    // The last ● block: its first line and the indented lines under it, as paragraphs. A tool call (its output
    // hangs under it on ⎿ lines) is not a message.
    private static (List<string> Paragraphs, List<string> Lines)? LastMessage(IReadOnlyList<string> lines, int start, int end)
    {
        var first = -1;
        for (var i = end - 1; i >= start; i--)
        {
            if (lines[i].StartsWith(Bullet, StringComparison.Ordinal))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
            return null;

        var paragraphs = new List<string>();
        var matched = new List<string>();
        var current = new List<string> { ScreenLines.Text(lines[first][Bullet.Length..]) };
        matched.Add(lines[first]);
        for (var i = first + 1; i < end; i++)
        {
            var line = lines[i];
            if (ScreenLines.IsBlank(line))
            {
                Flush();
                continue;
            }

            if (ScreenLines.Indent(line) < 2)
                break;
            var text = ScreenLines.Text(line);
            if (text[0] == ToolResult)
                return null;
            if (ListItem().IsMatch(text))
            {
                // Each list item stands alone, so a question above a list of choices stays a sentence of its own.
                Flush();
                current.Add(text);
                Flush();
            }
            else
            {
                current.Add(text);
            }

            matched.Add(line);
        }

        Flush();
        return paragraphs.Count == 0 ? null : (paragraphs, matched);

        void Flush()
        {
            var text = string.Join(' ', current.Where(l => l.Length > 0));
            if (text.Length > 0)
                paragraphs.Add(text);
            current.Clear();
        }
    }

    // The question sentences at the end of the message. A list of choices after a question ("Which one?
    // 1. A 2. B") still leaves the question as the last thing asked.
    private static string? TrailingQuestion(List<string> paragraphs)
    {
        var last = paragraphs.Count - 1;
        while (last > 0 && ListItem().IsMatch(paragraphs[last]))
            last--;
        if (last < paragraphs.Count - 1 && !EndsWithQuestion(paragraphs[last]))
            return null;
        if (!EndsWithQuestion(paragraphs[last]))
            return null;

        var sentences = SentenceBreak().Split(paragraphs[last]);
        var from = sentences.Length - 1;
        while (from > 0 && EndsWithQuestion(sentences[from - 1]))
            from--;
        return string.Join(' ', sentences[from..]).Trim();
    }

    private static bool EndsWithQuestion(string text) => text.TrimEnd(' ', '*', '_', '`', '"', '\'', ')').EndsWith('?');

    [GeneratedRegex(@"^\s*\u23bf?\s*Interrupted\b.*?·\s*(.+\?)\s*$")]
    private static partial Regex Interrupted();

    [GeneratedRegex(@"^(\d{1,3}[.)]|[-*•])\s")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"(?<=[.!?:])\s+")]
    private static partial Regex SentenceBreak();
}
