namespace SessionBridge.State;

/// <summary>The contents of sessions.json: each role's Claude Code session, keyed by role name.</summary>
internal sealed record SessionsFile
{
    public Dictionary<string, RoleSession> Roles { get; init; } = new(StringComparer.Ordinal);
}
