using SessionBridge.Bridge;
using SessionBridge.State;

namespace SessionBridge.Hook;

/// <summary>
/// The team this event's session is in (<see cref="TeamResolver"/>): <c>SESSION_BRIDGE_TEAM</c>, which <c>up</c> sets
/// for its roles (no file read at all), else the team of the session's folder (the event's <c>cwd</c>): one read of
/// teams.json and a stat for session-bridge.json per folder up to the root.
/// </summary>
internal static class HookTeam
{
    public static StateDirectory Directory(BridgeSettings settings, HookInput input) =>
        new(settings.StateDirectory, TeamResolver.Resolve(settings.Team, input.Cwd, settings.StateDirectory));
}
