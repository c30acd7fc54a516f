namespace SessionBridge.Errors;

/// <summary>
/// A team file (<c>session-bridge.json</c>) that cannot be used: invalid JSON, an unknown key, a value of the
/// wrong kind, a missing briefing file, a role name that is not valid, a <c>supervises</c> naming no role of the
/// team, no roles at all. The message names the file, the line and column, and the field, so a person can go
/// straight there. Nothing was started.
/// </summary>
internal sealed class TeamFileException(string message, string path, int? line, int? column, string? field)
    : SessionBridgeException(ErrorCode.InvalidArgument, message, null)
{
    public string Path { get; } = path;

    /// <summary>1-based; null when the problem is the file as a whole (it cannot be read).</summary>
    public int? Line { get; } = line;

    /// <summary>1-based, in characters.</summary>
    public int? Column { get; } = column;

    /// <summary>Where in the file, as a person names it: <c>roles.dev.briefing</c>; null for the whole file.</summary>
    public string? Field { get; } = field;
}
