namespace SessionBridge.Bridge.Results;

/// <summary>
/// What happened to one message. It is logged either way; <c>Reason</c> says why it was not typed or not
/// submitted. <c>Status</c> is what the peer's screen showed afterwards: submitted (a new turn started),
/// queued (Claude Code queued it while busy), typed (still in the prompt), unverified (the screen is not
/// Claude Code's), held (a menu or a human's draft: kept, and handed over by the peer's hooks once it can take
/// it), not_claude, not_delivered or refused_rate.
/// </summary>
internal sealed record SendResult(
    string Id,
    string To,
    string From,
    DateTimeOffset Ts,
    bool Delivered,
    bool Submitted,
    DeliveryStatus Status,
    string? Reason,
    string? ReplyTo = null
);
