namespace SessionBridge.State;

/// <summary>Where a team's shared state lives.</summary>
internal enum StateStoreKind
{
    /// <summary>The state directory on this machine (the default).</summary>
    Files,

    /// <summary>A NATS JetStream account, shared by the team's machines.</summary>
    Nats,
}
