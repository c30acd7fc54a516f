namespace SessionBridge.Bridge.Results;

/// <summary>
/// What happened to one message. It is logged either way; <c>Reason</c> says why it was not typed or not
/// submitted. <c>Status</c> is what the peer's screen showed afterwards: submitted (a new turn started),
/// queued (Claude Code queued it while busy), typed (still in the prompt), unverified (the screen is not
/// Claude Code's), not_delivered, refused_draft (the prompt held someone's unsent draft) or refused_menu
/// (the peer is on a menu, which takes keys, not prose).
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
