using System.Globalization;
using SessionBridge.Tmux;

namespace SessionBridge.Screens;

/// <summary>
/// Picks an option of a parsed menu by what a caller would say ("SQLite", "sqlite", "2", "Yes, and always")
/// and works out the keys that reach it from the cursor: arrows, then Enter. Arrows rather than digits,
/// because menus without numbers have no digits, and a digit in some menus answers at once.
/// </summary>
internal static class MenuChoice
{
    public static MenuOption Find(ScreenReading menu, string wanted)
    {
        var query = wanted.Trim();
        var options = menu.Options;
        var found =
            Single(options.Where(o => string.Equals(o.Label, query, StringComparison.OrdinalIgnoreCase)))
            ?? ByNumber(options, query)
            ?? Single(options.Where(o => o.Label.StartsWith(query, StringComparison.OrdinalIgnoreCase)))
            ?? Single(options.Where(o => o.Label.Contains(query, StringComparison.OrdinalIgnoreCase)));
        if (found is not null)
            return found;

        var matches = options.Count(o => o.Label.Contains(query, StringComparison.OrdinalIgnoreCase));
        var listed = string.Join("; ", options.Select(o => o.Number is { } n ? $"{n}. {o.Label}" : o.Label));
        throw new BridgeException(
            matches > 1
                ? $"\"{query}\" matches {matches} options of the menu ({listed}). Give more of the label, or its number."
                : $"No option of the menu matches \"{query}\". The options are: {listed}."
        );
    }

    public static List<KeyToken> KeysTo(ScreenReading menu, MenuOption target)
    {
        var options = menu.Options.ToList();
        var from = options.FindIndex(o => o.Selected);
        var to = options.IndexOf(target);
        var arrow = to >= from ? "Down" : "Up";
        var keys = Enumerable.Repeat(KeyToken.Parse(arrow), Math.Abs(to - Math.Max(from, 0))).ToList();
        keys.Add(KeyToken.Parse("Enter"));
        return keys;
    }

    private static MenuOption? ByNumber(IReadOnlyList<MenuOption> options, string query) =>
        int.TryParse(query.TrimEnd('.'), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? options.FirstOrDefault(o => o.Number == number)
            : null;

    private static MenuOption? Single(IEnumerable<MenuOption> candidates)
    {
        var list = candidates.Take(2).ToList();
        return list.Count == 1 ? list[0] : null;
    }
}
