using SessionBridge.Diagnostics;

namespace SessionBridge.State.Nats;

/// <summary>
/// The NATS store as session-bridge-nats links it in: opened by <see cref="StateStore.Open"/> when
/// <c>SESSION_BRIDGE_NATS</c> is set, and checked by the doctor.
/// </summary>
internal sealed class NatsBackend : IRemoteStore, IRemoteDoctor
{
    public StateStore? Open(StateDirectory directory, TimeSpan lockTimeout, TimeProvider clock, Func<string, string?> getVariable) =>
        NatsSettings.FromEnvironment(getVariable) is { } settings ? NatsStateStore.Open(directory, settings, lockTimeout, clock) : null;

    public async Task<IReadOnlyList<DoctorCheck>?> RunAsync(Func<string, string?> getVariable, CancellationToken cancellationToken) =>
        NatsSettings.FromEnvironment(getVariable) is { } settings ? await new NatsDoctor(settings).RunAsync(cancellationToken) : null;
}
