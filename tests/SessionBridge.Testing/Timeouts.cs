namespace SessionBridge.Testing;

/// <summary>
/// Per-test bounds (<c>[Fact(Timeout = …)]</c>, milliseconds): a hung pane or process fails its own test instead
/// of the run. Generous for a loaded two-core CI machine (two full runs at once put its load average near 35, and a
/// spec that takes 25 s alone then took over a minute); a spec that passes takes a small part of them.
/// </summary>
public static class Timeouts
{
    /// <summary>A spec on real tmux panes, processes and files.</summary>
    public const int Spec = 3 * 60_000;

    /// <summary>A load spec: eight processes at once, thousands of writes, on two cores.</summary>
    public const int Load = 5 * 60_000;

    /// <summary>A spec that publishes or packs (NativeAOT compiles for minutes on two cores).</summary>
    public const int Build = 15 * 60_000;

    /// <summary>A spec that drives real Claude Code sessions.</summary>
    public const int ClaudeCode = 5 * 60_000;
}
