using SessionBridge.Diagnostics;

namespace SessionBridge.State.Nats;

/// <summary>
/// The NATS store as session-bridge-nats links it in: opened by <see cref="StateStore.Open"/> when
/// <c>SESSION_BRIDGE_NATS</c> is set, and checked by the doctor.
/// </summary>
internal sealed class NatsBackend : IRemoteStore, IRemoteDoctor
{
    /// <remarks>
    /// The buckets are the team's the directory was resolved for (<see cref="TeamResolver"/>: <c>SESSION_BRIDGE_TEAM</c>
    /// first, then the folder's): a team across machines is one of the machine's teams, on the server. A directory
    /// opened for no team in particular (the default) takes <c>SESSION_BRIDGE_TEAM</c>'s, as before teams.
    /// </remarks>
    /// <exception cref="StateException">The team's name is longer than a NATS team's may be.</exception>
    public StateStore? Open(StateDirectory directory, TimeSpan lockTimeout, TimeProvider clock, Func<string, string?> getVariable)
    {
        if (NatsSettings.FromEnvironment(getVariable) is not { } settings)
            return null;
        var team = directory.Team == TeamName.Default ? settings.Team : directory.Team;
        if (!NatsSettings.IsName(team))
        {
            throw new StateException(
                $"The team \"{team}\" has a name too long for NATS (at most 32 letters, digits, '-' or '_'). "
                    + $"Set {NatsSettings.TeamVariable} (or --team) to a shorter one.",
                StateOrigin.Setting(NatsSettings.TeamVariable)
            );
        }

        return NatsStateStore.Open(directory.ForTeam(team), settings with { Team = team }, lockTimeout, clock);
    }

    public async Task<IReadOnlyList<DoctorCheck>?> RunAsync(Func<string, string?> getVariable, CancellationToken cancellationToken) =>
        NatsSettings.FromEnvironment(getVariable) is { } settings ? await new NatsDoctor(settings).RunAsync(cancellationToken) : null;
}
