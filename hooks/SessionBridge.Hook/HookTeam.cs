using SessionBridge.Bridge;
using SessionBridge.State;

namespace SessionBridge.Hook;

/// <summary>
/// The team this event's session is in (<see cref="TeamResolver"/>): <c>SESSION_BRIDGE_TEAM</c>, which <c>up</c> sets
/// for its roles, else the team of the session's folder (the event's <c>cwd</c>). Resolved once per process.
/// </summary>
internal static class HookTeam
{
    private static StateDirectory? s_directory;

    public static StateDirectory Directory(BridgeSettings settings, HookInput input) =>
        s_directory ??= new StateDirectory(
            settings.StateDirectory,
            TeamResolver.Resolve(settings.Team, input.Cwd, settings.StateDirectory)
        );
}
