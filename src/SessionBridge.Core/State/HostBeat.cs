namespace SessionBridge.State;

/// <summary>
/// A host's heartbeat, the value of its key in the team's <c>hosts</c> bucket: the time is in the value because the
/// NATS server (2.9) has no per-key time-to-live, so a reader judges the age itself.
/// </summary>
internal sealed record HostBeat(DateTimeOffset At, int Pid);
