using SessionBridge.State;

namespace SessionBridge.Bridge.Results;

/// <summary>
/// What wait_for saw: <c>Met</c> is true when the condition happened before the timeout. <c>State</c> is
/// the peer's last screen state; <c>Message</c> the message that ended a wait for one.
/// </summary>
internal sealed record WaitResult(
    string Role,
    WaitCondition Until,
    bool Met,
    long WaitedMs,
    string? State,
    MessageRecord? Message,
    string? Reason
);
