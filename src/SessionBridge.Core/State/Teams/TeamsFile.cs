namespace SessionBridge.State;

/// <summary>teams.json, machine-wide: the team <c>up</c> started in each folder, keyed by the folder (absolute).</summary>
internal sealed record TeamsFile
{
    // set, not init: the JSON source generator passes a missing init-only member as null.
    public Dictionary<string, string> Folders { get; set; } = new(StringComparer.Ordinal);
}
