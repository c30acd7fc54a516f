namespace SessionBridge.Setup;

/// <summary>What settings.json wires today: our entries (any event), or why the file could not be read.</summary>
internal sealed record HookWiring(string SettingsPath, IReadOnlyList<OurHook> Entries, string? Problem)
{
    /// <summary>Events of <see cref="HookEvents.All"/> with no entry of ours.</summary>
    public IReadOnlyList<HookSettingsEntry> Missing => HookEvents.All.Where(e => Entries.All(h => h.Event != e.Name)).ToList();

    /// <summary>Events whose entry is not what install writes today (another matcher or timeout, or twice).</summary>
    public IReadOnlyList<HookSettingsEntry> Outdated =>
        HookEvents.All.Where(e => Entries.Where(h => h.Event == e.Name).ToList() is { Count: > 0 } mine && (mine.Count > 1 || !mine[0].HasShapeOf(e))).ToList();

    /// <summary>The distinct programs our entries run, unquoted.</summary>
    public IReadOnlyList<string> Programs => Entries.Select(h => HookCommand.ExecutableOf(h.Command)!).Distinct(StringComparer.Ordinal).ToList();
}
