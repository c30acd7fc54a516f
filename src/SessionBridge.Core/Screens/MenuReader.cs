using System.Globalization;
using System.Text.RegularExpressions;

namespace SessionBridge.Screens;

/// <summary>
/// Finds a menu at the bottom of a screen by its structure: a <c>❯</c> cursor on an option, sibling options
/// at the same column (numbered 1, 2, 3… or, for some dialogs, without numbers), a heading above them and,
/// usually, a footer below. Wording is never needed, so rewording and other languages do not break it.
/// </summary>
internal static partial class MenuReader
{
    // A menu sits at the bottom: below its last option there is at most a footer of a few lines.
    private const int MaxLinesBelow = 6;

    // How far above the bottom we look for the cursor; menus with long descriptions run tall.
    private const int SearchDepth = 80;

    public static ScreenReading? Read(IReadOnlyList<string> lines, PromptBox? box)
    {
        var cursor = FindCursor(lines, box);
        if (cursor < 0)
            return null;

        var line = lines[cursor];
        var indent = ScreenLines.Indent(line);
        var numbered = NumberedCursor().Match(line);
        return numbered.Success
            ? ReadNumbered(lines, cursor, indent + 2)
            : ReadUnnumbered(lines, cursor, indent + 2);
    }

    // The lowest ❯ line that is not the input box; a menu replaces the input box, so one below it is not a menu.
    private static int FindCursor(IReadOnlyList<string> lines, PromptBox? box)
    {
        for (var i = lines.Count - 1; i >= 0 && i >= lines.Count - SearchDepth; i--)
        {
            if (box is not null && i >= box.Top)
                continue;
            var text = lines[i].TrimStart(' ');
            if (text.Length < 3 || text[0] != ScreenLines.Cursor || text[1] != ' ')
                continue;
            return box is null ? i : -1;
        }

        return -1;
    }

    private static ScreenReading? ReadNumbered(IReadOnlyList<string> lines, int cursor, int column)
    {
        var options = new SortedDictionary<int, (int Number, string Label, bool Selected, int Line)>();
        var matched = new List<int>();

        // Upwards from the cursor to option 1, past descriptions, blank lines and rules.
        var top = cursor;
        for (var i = cursor; i >= 0; i--)
        {
            var option = ParseOption(lines[i], column);
            if (option is { } o)
            {
                options[i] = (o.Number, o.Label, i == cursor, i);
                top = i;
                if (o.Number == 1)
                    break;
                continue;
            }

            if (!IsInsideMenu(lines[i], column) && !(i > 0 && ContinuesLabel(lines, i - 1, column, i)))
                break;
        }

        // Downwards to the footer.
        var bottom = cursor;
        var stop = lines.Count;
        for (var i = cursor + 1; i < lines.Count; i++)
        {
            var option = ParseOption(lines[i], column);
            if (option is { } o)
            {
                options[i] = (o.Number, o.Label, false, i);
                bottom = i;
                continue;
            }

            if (!IsInsideMenu(lines[i], column) && !ContinuesLabel(lines, i, column))
            {
                stop = i;
                break;
            }

            if (!ScreenLines.IsBlank(lines[i]) && !ScreenLines.IsRule(lines[i]))
                bottom = i;
        }

        var list = options.Values.ToList();
        if (list.Count < 2 || !list.Zip(list.Skip(1)).All(p => p.Second.Number == p.First.Number + 1))
            return null;
        if (!IsAtBottom(lines, bottom))
            return null;

        matched.AddRange(list.Select(o => o.Line));
        var heading = MenuHeading.Find(lines, top, column, matched);
        AddFooter(lines, stop, matched);
        var width = lines.Max(l => l.Length);
        var menuOptions = list.Select(o => ToOption(o.Number, WholeLabel(lines, o.Line, o.Label, column, width), o.Selected)).ToList();
        return new ScreenReading(
            ScreenState.WaitingSelect,
            heading,
            menuOptions,
            null,
            "menu: numbered options under a ❯ cursor",
            Lines(lines, matched)
        );
    }

    private static ScreenReading? ReadUnnumbered(IReadOnlyList<string> lines, int cursor, int column)
    {
        // Siblings: the unbroken run of lines at the option column around the cursor line.
        var top = cursor;
        while (top > 0 && IsSibling(lines[top - 1], column))
            top--;
        var bottom = cursor;
        while (bottom + 1 < lines.Count && IsSibling(lines[bottom + 1], column))
            bottom++;
        if (bottom == top)
            return null;

        // Without numbers, the footer is what tells a menu from a past message: require one.
        var footer = -1;
        for (var i = bottom + 1; i < lines.Count && i <= bottom + 3; i++)
        {
            if (Footer().IsMatch(lines[i]))
            {
                footer = i;
                break;
            }
        }

        if (footer < 0 || !IsAtBottom(lines, bottom))
            return null;

        var matched = Enumerable.Range(top, bottom - top + 1).ToList();
        var heading = MenuHeading.Find(lines, top, column, matched);
        matched.Add(footer);
        var options = Enumerable
            .Range(top, bottom - top + 1)
            .Select(i => ToOption(null, ScreenLines.Text(lines[i].TrimStart(' ').TrimStart(ScreenLines.Cursor)), i == cursor))
            .ToList();
        return new ScreenReading(
            ScreenState.WaitingSelect,
            heading,
            options,
            null,
            "menu: options without numbers under a ❯ cursor, with a footer",
            Lines(lines, matched)
        );
    }

    // "  2. SQLite" at the option column, or "❯ 2. SQLite" two columns left of it.
    private static (int Number, string Label)? ParseOption(string line, int column)
    {
        var indent = ScreenLines.Indent(line);
        if (indent == column - 2 && line.Length > indent && line[indent] == ScreenLines.Cursor)
        {
            var m = NumberedCursor().Match(line);
            return m.Success ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), ScreenLines.Text(m.Groups[2].Value)) : null;
        }

        if (indent != column)
            return null;
        var option = NumberedOption().Match(line);
        return option.Success
            ? (int.Parse(option.Groups[1].Value, CultureInfo.InvariantCulture), ScreenLines.Text(option.Groups[2].Value))
            : null;
    }

    // A label too long for the terminal goes on under itself. Claude Code wraps at word boundaries, so a
    // line below is the label's continuation only if its first word could not have fitted on the line above;
    // otherwise it is a description, which is not part of the label.
    private static string WholeLabel(IReadOnlyList<string> lines, int line, string label, int column, int width)
    {
        var whole = label;
        for (var i = line + 1; i < lines.Count; i++)
        {
            var next = lines[i];
            if (ScreenLines.Indent(next) <= column || ScreenLines.IsRule(next))
                break;
            var firstWord = ScreenLines.Text(next).Split(' ')[0];
            if (lines[i - 1].Length + 1 + firstWord.Length <= width)
                break;
            whole += " " + ScreenLines.Text(next);
        }

        return whole;
    }

    // Between options: their description lines (indented deeper), blank lines and rules.
    private static bool IsInsideMenu(string line, int column) =>
        ScreenLines.IsBlank(line) || ScreenLines.IsRule(line) || ScreenLines.Indent(line) > column;

    // A label wrapped by the terminal rather than by Claude Code lands at the option column; it is part of
    // the menu when the next option follows straight after.
    private static bool ContinuesLabel(IReadOnlyList<string> lines, int index, int column) =>
        index + 1 < lines.Count && ContinuesLabel(lines, index + 1, column, index);

    private static bool ContinuesLabel(IReadOnlyList<string> lines, int option, int column, int line) =>
        ScreenLines.Indent(lines[line]) == column && ParseOption(lines[option], column) is not null;

    private static bool IsSibling(string line, int column)
    {
        if (ScreenLines.IsBlank(line))
            return false;
        var indent = ScreenLines.Indent(line);
        return indent == column || (indent == column - 2 && line[indent] == ScreenLines.Cursor);
    }

    private static bool IsAtBottom(IReadOnlyList<string> lines, int last) =>
        lines.Skip(last + 1).Count(l => !ScreenLines.IsBlank(l) && !ScreenLines.IsRule(l)) <= MaxLinesBelow;

    private static void AddFooter(IReadOnlyList<string> lines, int stop, List<int> matched)
    {
        if (stop < lines.Count && Footer().IsMatch(lines[stop]))
            matched.Add(stop);
    }

    // Multi-select menus put a box before each label: "[ ] Tests", "[✔] Lint".
    private static MenuOption ToOption(int? number, string label, bool selected)
    {
        var box = Checkbox().Match(label);
        return box.Success
            ? new MenuOption(number, label[box.Length..], selected, !string.IsNullOrWhiteSpace(box.Groups[1].Value))
            : new MenuOption(number, label, selected);
    }

    private static List<string> Lines(IReadOnlyList<string> lines, IEnumerable<int> indexes) =>
        indexes.Distinct().Order().Select(i => lines[i]).ToList();

    [GeneratedRegex(@"^\s*\u276f (\d{1,3})\.\s+(.*)$")]
    private static partial Regex NumberedCursor();

    [GeneratedRegex(@"^\s*(\d{1,3})\.\s+(.*)$")]
    private static partial Regex NumberedOption();

    [GeneratedRegex(@"^\[([ xX✓✔✗×*■]?)\]\s+")]
    private static partial Regex Checkbox();

    [GeneratedRegex(@"(Enter|Esc|Space|Tab)\s+to\s+\w+", RegexOptions.IgnoreCase)]
    private static partial Regex Footer();
}
