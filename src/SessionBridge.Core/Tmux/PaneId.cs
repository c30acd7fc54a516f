using System.Text.RegularExpressions;

namespace SessionBridge.Tmux;

/// <summary>A tmux pane id such as <c>%3</c>: the form <c>$TMUX_PANE</c> has, and the only one we target.</summary>
internal static partial class PaneId
{
    public static bool IsValid(string? pane) => pane is not null && Pattern().IsMatch(pane);

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

    [GeneratedRegex(@"^%[0-9]{1,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
