namespace SessionBridge.Web.Api;

/// <summary>
/// POST /api/supervise's body: the person supervises <c>Role</c> (as <c>session-bridge supervise ROLE --by person</c>),
/// or with <c>Stop</c> ends its supervision, whoever held it; <c>Team</c> where the board shows several.
/// </summary>
internal sealed record WebSupervise(string? Role, bool Stop = false, string? Team = null);
