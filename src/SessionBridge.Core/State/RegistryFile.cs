namespace SessionBridge.State;

/// <summary>The contents of registry.json: every role, keyed by role name.</summary>
internal sealed record RegistryFile
{
    public Dictionary<string, PeerRegistration> Peers { get; init; } = new(StringComparer.Ordinal);
}
