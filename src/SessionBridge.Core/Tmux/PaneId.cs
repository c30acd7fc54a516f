namespace SessionBridge.Tmux;

/// <summary>A tmux pane id such as <c>%3</c>: the form <c>$TMUX_PANE</c> has, and the only one we target.</summary>
internal static class PaneId
{
    // %, then 1 to 9 digits. A loop, not a regex: the hook checks $TMUX_PANE on every event, and the first regex a
    // process uses costs it more than the rest of the check.
    public static bool IsValid(string? pane) =>
        pane is { Length: >= 2 and <= 10 } && pane[0] == '%' && !pane.AsSpan(1).ContainsAnyExceptInRange('0', '9');

    public static string Parse(string? pane, string argument = "pane")
    {
        if (IsValid(pane))
            return pane!;
        var shown = pane is null ? "nothing" : $"\"{(pane.Length > 40 ? pane[..40] + "…" : pane)}\"";
        throw new BridgeException(
            $"{{arg:{argument}}} is {shown}, not a tmux pane id. Pane ids look like \"%3\": run "
                + "`echo $TMUX_PANE` in the pane, or leave {arg:pane} out to use this session's own pane."
        );
    }
}
