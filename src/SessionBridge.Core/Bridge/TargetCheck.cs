namespace SessionBridge.Bridge;

/// <summary>Whether a registered pane can be typed into now, and if not, what the caller can do about it.</summary>
/// <param name="Pane">What tmux said of the pane when it is alive: what the next checks look at.</param>
internal sealed record TargetCheck(PaneStatus Status, string? Problem, Tmux.PaneInfo? Pane = null)
{
    public static TargetCheck Alive { get; } = new(PaneStatus.Alive, null);
}
