using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace SessionBridge.Tmux;

/// <summary>
/// A key for <c>respond</c>: a key name tmux knows (sent with <c>send-keys</c>) or one character (sent
/// literally with <c>send-keys -l</c>). Words are refused: prose goes through <c>send</c>.
/// </summary>
internal sealed partial record KeyToken(string Value, bool IsLiteral)
{
    private static readonly FrozenDictionary<string, string> Names = new[]
    {
        "Enter", "Escape", "Up", "Down", "Left", "Right", "Tab", "BTab", "Space", "BSpace",
        "Home", "End", "PageUp", "PageDown", "PgUp", "PgDn", "DC", "IC",
    }.ToFrozenDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);

    public bool IsEscape => !IsLiteral && Value == "Escape";

    public static KeyToken Parse(string? key)
    {
        if (string.IsNullOrEmpty(key))
            throw new BridgeException("A key is empty. " + Accepted);

        // One character (a digit, "y", "?"…) goes literally; control characters never do.
        if (key.EnumerateRunes().Count() == 1)
        {
            var rune = key.EnumerateRunes().First();
            if (System.Text.Rune.IsControl(rune))
                throw new BridgeException($"Key U+{rune.Value:X4} is a control character. " + Accepted);
            return new KeyToken(key, IsLiteral: true);
        }

        if (Names.TryGetValue(key, out var name))
            return new KeyToken(name, IsLiteral: false);

        if (ControlKey().IsMatch(key))
            return new KeyToken("C-" + char.ToLowerInvariant(key[2]), IsLiteral: false);

        var shown = key.Length > 40 ? key[..40] + "…" : key;
        throw new BridgeException(
            $"\"{shown}\" is not a key. {Accepted} To type words or a command into the peer's prompt, use "
                + "{cmd:send} instead."
        );
    }

    private const string Accepted =
        "respond takes key tokens only: one character (\"1\", \"y\"), Enter, Escape, Up, Down, Left, Right, "
            + "Tab, BTab, Space, BSpace, Home, End, PageUp, PageDown, or C-<letter> (\"C-c\").";

    [GeneratedRegex("^[Cc]-[A-Za-z]$", RegexOptions.CultureInvariant)]
    private static partial Regex ControlKey();
}
