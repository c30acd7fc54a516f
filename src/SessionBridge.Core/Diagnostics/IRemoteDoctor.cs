namespace SessionBridge.Diagnostics;

/// <summary>
/// The doctor's checks of a store shared across machines (the way to NATS), from the program that links its client in.
/// </summary>
internal interface IRemoteDoctor
{
    /// <summary>The checks of the store the environment configures; null when it configures none.</summary>
    Task<IReadOnlyList<DoctorCheck>?> RunAsync(Func<string, string?> getVariable, CancellationToken cancellationToken);
}
