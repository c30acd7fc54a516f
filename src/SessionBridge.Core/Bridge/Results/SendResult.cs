namespace SessionBridge.Bridge.Results;

/// <summary>What happened to one message. It is logged either way; <c>Reason</c> says why it was not typed.</summary>
internal sealed record SendResult(
    string Id,
    string To,
    string From,
    DateTimeOffset Ts,
    bool Delivered,
    bool Submitted,
    string? Reason,
    string? ReplyTo = null
);
