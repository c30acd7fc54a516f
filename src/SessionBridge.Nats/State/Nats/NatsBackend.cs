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
    /// first, then the folder's): a team across machines is one of the machine's teams, on the server.
    /// </remarks>
    public StateStore? Open(StateDirectory directory, TimeSpan lockTimeout, TimeProvider clock, Func<string, string?> getVariable) =>
        NatsSettings.FromEnvironment(getVariable) is { } settings
            ? NatsStateStore.Open(directory, settings with { Team = directory.Team }, lockTimeout, clock)
            : null;

    public async Task<IReadOnlyList<DoctorCheck>?> RunAsync(Func<string, string?> getVariable, CancellationToken cancellationToken) =>
        NatsSettings.FromEnvironment(getVariable) is { } settings ? await new NatsDoctor(settings).RunAsync(cancellationToken) : null;
}
