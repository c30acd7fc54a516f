namespace SessionBridge.Errors;

/// <summary>What kind of place the state that failed lives in.</summary>
internal enum StateOriginKind
{
    /// <summary>A file or directory of this machine: <see cref="StateOrigin.Where"/> is its path.</summary>
    File,

    /// <summary>The team's shared state on NATS: <see cref="StateOrigin.Where"/> names the servers or the bucket.</summary>
    Nats,

    /// <summary>A setting that is missing or unusable: <see cref="StateOrigin.Where"/> is the variable's name.</summary>
    Setting,
}
