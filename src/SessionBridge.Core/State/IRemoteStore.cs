namespace SessionBridge.State;

/// <summary>
/// A store shared across machines (the NATS store), given to <see cref="StateStore.Open"/> by a program that links its
/// client in (session-bridge-nats). The programs a session on the file store starts have none: they carry no client.
/// </summary>
internal interface IRemoteStore
{
    /// <summary>
    /// The store the environment (<paramref name="getVariable"/>) configures, with <paramref name="directory"/> for
    /// what stays on this machine; null when it configures none.
    /// </summary>
    /// <exception cref="StateException">The settings are unusable: the message names the variable.</exception>
    StateStore? Open(StateDirectory directory, TimeSpan lockTimeout, TimeProvider clock, Func<string, string?> getVariable);
}
