using System.Text.RegularExpressions;

namespace SessionBridge.Screens;

/// <summary>
/// Reads a captured Claude Code screen the way a person does, bottom first, by structure rather than
/// wording: a menu (❯ cursor on one of several options, nothing but a footer below) wins; then the input
/// box between two rules, with a spinner or "esc to interrupt" meaning busy, an interrupt or a closing
/// question meaning waiting_text, and otherwise idle. Every reading names its rule and the lines it matched.
/// </summary>
internal static partial class ScreenClassifier
{
    // Lines above the input box where the spinner of a running turn sits (tips and todo lists hang under it).
    private const int SpinnerSearch = 12;

    public static ScreenReading Classify(string screen)
    {
        var lines = ScreenLines.Split(screen);
        if (lines.Length == 0)
            return Unknown("unknown: empty screen", []);

        var box = PromptBox.Read(lines);
        var menu = MenuReader.Read(lines, box);
        if (menu is not null)
            return menu;

        if (box is null)
            return Unknown("unknown: no Claude Code input box and no menu", lines.TakeLast(3).ToList());

        var busy = ReadBusy(lines, box);
        if (busy is not null)
            return busy;

        return LastTurn.ReadQuestion(lines, box.Top)
            ?? new ScreenReading(ScreenState.Idle, null, [], null, "idle: input box, nothing running", [lines[box.Top + 1]]);
    }

    private static ScreenReading? ReadBusy(string[] lines, PromptBox box)
    {
        for (var i = box.Bottom + 1; i < lines.Length; i++)
        {
            if (lines[i].Contains("esc to interrupt", StringComparison.OrdinalIgnoreCase))
                return Busy("busy: \"esc to interrupt\" in the footer", lines[i]);
        }

        for (var i = box.Top - 1; i >= 0 && i >= box.Top - SpinnerSearch; i--)
        {
            if (Spinner().IsMatch(lines[i]))
                return Busy("busy: spinner above the input box", lines[i]);
        }

        // Claude Code only queues input while a turn runs.
        return box.ShowsQueuedHint ? Busy("busy: a queued message waits in the input box", lines[box.Top + 1]) : null;
    }

    private static ScreenReading Busy(string rule, string line) => new(ScreenState.Busy, null, [], null, rule, [line]);

    private static ScreenReading Unknown(string rule, IReadOnlyList<string> matched) =>
        new(ScreenState.Unknown, null, [], null, rule, matched);

    // "✶ Hullaballooing… (4s · ↓ 5 tokens)": one glyph, a word or few, an ellipsis, usually a timer. A finished
    // turn ("✻ Cogitated for 0s") has no ellipsis.
    [GeneratedRegex(@"^[^\s\w\u276f\u25cf\u23bf]\s+\p{L}[\p{L}'\- ]{0,40}…(\s*\(.*\))?\s*$")]
    private static partial Regex Spinner();
}
