namespace SessionBridge.EndToEnd.Claude;

/// <summary>How to start one Claude Code session.</summary>
public sealed record SessionOptions
{
    public int Width { get; init; } = 160;

    public int Height { get; init; } = 45;

    /// <summary>Extra command-line arguments, e.g. <c>--permission-mode plan</c>.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Where Claude Code starts; the world's trusted project when null.</summary>
    public string? Directory { get; init; }

    public bool WaitUntilReady { get; init; } = true;
}
