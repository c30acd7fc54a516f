namespace SessionBridge.Tmux;

/// <summary>The answer to "is this pane there?": its info, or why not.</summary>
internal sealed record PaneProbe(PaneInfo? Pane, string? Problem)
{
    public static PaneProbe Found(PaneInfo pane) => new(pane, null);

    public static PaneProbe Missing(string problem) => new(null, problem);
}
