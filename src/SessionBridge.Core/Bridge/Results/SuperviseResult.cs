namespace SessionBridge.Bridge.Results;

/// <summary>
/// What supervise did: <c>Supervisor</c> now supervises <c>Roles</c> (or, with <c>Stopped</c>, no longer does);
/// <c>Replaced</c> names each role whose earlier supervisor was replaced, with that supervisor; <c>Notify</c>, what the
/// supervisor is told of them.
/// </summary>
internal sealed record SuperviseResult(
    string? Supervisor,
    IReadOnlyList<string> Roles,
    bool Stopped,
    IReadOnlyDictionary<string, string> Replaced,
    IReadOnlyList<SupervisionNotice>? Notify = null
);
