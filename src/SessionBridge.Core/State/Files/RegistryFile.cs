namespace SessionBridge.State;

/// <summary>The contents of registry.json: every role, keyed by role name.</summary>
internal sealed record RegistryFile
{
    // set, not init: the JSON source generator passes a missing init-only member as null, so a hand-written
    // "{}" read as a registry with no dictionary at all.
    public Dictionary<string, PeerRegistration> Peers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What a file that parsed still lacks (a null where a registration or a field must be), or null.</summary>
    public string? Problem() =>
        Peers is null ? "\"peers\" is null"
        : Peers.FirstOrDefault(p => p.Value?.Role is null || p.Value.Pane is null) is { Key: { } role } ? $"the registration of \"{role}\" lacks its role or pane"
        : null;
}
