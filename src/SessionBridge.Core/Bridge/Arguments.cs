using SessionBridge.Tmux;

namespace SessionBridge.Bridge;

/// <summary>Checks shared by several use cases; each failure is the caller's mistake and says what to give instead.</summary>
internal static class Arguments
{
    public static int InRange(int value, string argument, int min, int max)
    {
        if (value < min || value > max)
            throw new BridgeException($"{{arg:{argument}}} is {value}; give a number from {min} to {max}.");
        return value;
    }

    /// <summary>A message's text with control characters removed; empty or oversized text is refused.</summary>
    public static string MessageText(string? text)
    {
        if (text is not null && text.Length > Limits.MaxTextLength)
        {
            throw new BridgeException(
                $"{{arg:text}} has {text.Length} characters; {Limits.MaxTextLength} at most. Write long material "
                    + "to a file and send its path instead."
            );
        }

        var body = text is null ? "" : PasteText.Clean(text);
        if (body.Trim().Length == 0)
            throw new BridgeException("{arg:text} is empty (after removing control characters): nothing to send.");
        return body;
    }
}
