namespace SessionBridge.State;

/// <summary>A host's answer to a request (<see cref="IHostLink.RequestAsync"/>), or why there is none.</summary>
/// <param name="Answer">What the host answered; null when it could not be reached.</param>
/// <param name="Problem">Why the host could not be reached (no server of it listening, no answer in time), for a message.</param>
internal sealed record HostReply(byte[]? Answer, string? Problem)
{
    public static HostReply Unreachable(string problem) => new(null, problem);
}
