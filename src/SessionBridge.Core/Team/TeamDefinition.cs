namespace SessionBridge.Team;

/// <summary>
/// A team as <c>session-bridge up</c> starts it: from <c>session-bridge.json</c>, or the default three-role loop.
/// </summary>
/// <param name="Name">The tmux session's name (default: the team folder's name).</param>
/// <param name="Layout">One window per role, or one tiled window.</param>
/// <param name="Command">How to start Claude Code (default: <c>claude</c> on PATH).</param>
/// <param name="Env">Environment for every role's session, on top of the one <c>up</c> runs in.</param>
/// <param name="Roles">The roles, in the file's order.</param>
/// <param name="Folder">The team file's folder (absolute): the default cwd, and a trusted folder for <c>--trust</c>.</param>
/// <param name="FilePath">The team file, or null for the default team.</param>
internal sealed record TeamDefinition(
    string Name,
    TeamLayout Layout,
    string Command,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<RoleDefinition> Roles,
    string Folder,
    string? FilePath
);
