namespace SessionBridge.State;

/// <summary>One message, as the logs, the held store and the tools give it (a log line that is not a <see cref="StatusLine"/>).</summary>
/// <param name="Delivered">Stored as written: lines from before <paramref name="Status"/> existed have only these flags.</param>
/// <param name="FromVerified">The sender's pane is registered as <paramref name="From"/>; false for a caller with no role of its own.</param>
/// <param name="DeliveredVia">For a message that was held: how it finally reached the peer's model.</param>
/// <param name="DeliveredAt">For a message that was held: when it left the held store (delivered or given up).</param>
/// <param name="HandedOver">Only in the held store: the session this message was handed to as context, which no turn has carried yet.</param>
internal sealed record MessageRecord(
    string Id,
    DateTimeOffset Ts,
    string From,
    string To,
    string Text,
    bool Delivered,
    bool Submitted,
    string? Reason = null,
    string? ReplyTo = null,
    DeliveryStatus? Status = null,
    bool? FromVerified = null,
    DeliveredVia? DeliveredVia = null,
    DateTimeOffset? DeliveredAt = null,
    Handover? HandedOver = null
);
