namespace SessionBridge.Bridge;

/// <summary>Whether a registered pane can be typed into now, and if not, what the caller can do about it.</summary>
internal sealed record TargetCheck(PaneStatus Status, string? Problem)
{
    public static TargetCheck Alive { get; } = new(PaneStatus.Alive, null);
}
