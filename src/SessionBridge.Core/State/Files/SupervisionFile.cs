namespace SessionBridge.State;

/// <summary>The contents of supervision.json: each supervised role's supervisor, keyed by the supervised role (one supervisor at most).</summary>
internal sealed record SupervisionFile
{
    public Dictionary<string, SupervisorEntry> Roles { get; init; } = new(StringComparer.Ordinal);
}
