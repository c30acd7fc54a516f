using SessionBridge.State;

namespace SessionBridge.Bridge.Results;

/// <summary>
/// What wait_for saw: <c>Met</c> is true when the condition happened before the timeout. <c>State</c> is
/// the peer's last state (as list_peers decides it, <c>StateSource</c> saying how); <c>Message</c> the message
/// that ended a wait for one; <c>LastAnswer</c> the peer's final answer of the turn, when the wait ends on idle
/// and its Stop hook recorded one.
/// </summary>
internal sealed record WaitResult(
    string Role,
    WaitCondition Until,
    bool Met,
    long WaitedMs,
    string? State,
    MessageRecord? Message,
    string? Reason,
    StateSource? StateSource = null,
    DateTimeOffset? StateSince = null,
    string? LastAnswer = null
);
