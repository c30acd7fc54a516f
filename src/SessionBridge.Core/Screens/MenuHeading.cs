using System.Text.RegularExpressions;

namespace SessionBridge.Screens;

/// <summary>A menu's heading: the dialog's question or title above its options.</summary>
internal static partial class MenuHeading
{
    // How far above the first option the dialog's question may sit (folder trust puts a paragraph, a note and
    // a link between them).
    private const int HeadingSearch = 16;

    /// <summary>
    /// The dialog's question or title, as a person would name it (detect_question's <c>heading</c>): the nearest text line above the
    /// options ("Do you want to proceed?", "Claude wants to exit plan mode"), unless that line is an aside — a
    /// link, a path or a short hint such as "Security guide" — in which case the nearest sentence ending in a
    /// question mark within the dialog (up to the rule that opens it). Shape and punctuation, not wording.
    /// </summary>
    public static string? Find(IReadOnlyList<string> lines, int first, int column, List<int> matched)
    {
        var nearest = -1;
        for (var i = first - 1; i >= 0 && i >= first - HeadingSearch; i--)
        {
            if (ScreenLines.IsRule(lines[i]))
                break;
            if (ScreenLines.IsBlank(lines[i]))
                continue;
            if (ScreenLines.Indent(lines[i]) > column)
            {
                // Deeper than the options: a description, not a heading (as it always was for the nearest line).
                if (nearest < 0)
                    return null;
                continue;
            }

            if (Question(lines, i, matched) is { } question)
                return question;
            if (nearest < 0)
            {
                nearest = i;
                // A title nearest the options names the dialog; only an aside sends the search further up.
                if (!IsAside(ScreenLines.Text(lines[i])))
                    break;
            }
        }

        if (nearest < 0)
            return null;
        matched.Insert(0, nearest);
        return ScreenLines.Text(lines[nearest]);
    }

    /// <summary>A link, a path or a short hint: two or three words, or one path, with no sentence in it.</summary>
    private static bool IsAside(string text) =>
        (!text.Contains(' ', StringComparison.Ordinal) && (text.StartsWith('/') || text.StartsWith('~')))
        || (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3 && !".?!:？".Contains(text[^1], StringComparison.Ordinal));

    /// <summary>The sentence that ends in a question mark on line <paramref name="last"/>, begun wherever its paragraph has it.</summary>
    private static string? Question(IReadOnlyList<string> lines, int last, List<int> matched)
    {
        var text = ScreenLines.Text(lines[last]);
        if (!SentenceEnd().IsMatch(text))
            return null;
        var start = last;
        while (start > 0 && !ScreenLines.IsBlank(lines[start - 1]) && !ScreenLines.IsRule(lines[start - 1]))
            start--;
        var paragraph = string.Join(' ', Enumerable.Range(start, last - start + 1).Select(i => ScreenLines.Text(lines[i])));
        var end = SentenceEnd().Matches(paragraph)[^1].Index + 1;
        // The sentence begins after the last sentence end before it ("NOTES.md?" is one word, not two sentences).
        var begin = SentenceBoundary().Matches(paragraph[..(end - 1)]) is { Count: > 0 } before ? before[^1].Index + 1 : 0;
        matched.InsertRange(0, Enumerable.Range(start, last - start + 1));
        return paragraph[begin..end].Trim();
    }

    // A question mark that ends a sentence (not one inside a path or a URL's query).
    [GeneratedRegex(@"[?？](?=\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[.!?。！？](?=\s)")]
    private static partial Regex SentenceBoundary();
}
