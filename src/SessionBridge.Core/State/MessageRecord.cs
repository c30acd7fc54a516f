using SessionBridge.Bridge;

namespace SessionBridge.State;

/// <summary>One message, as one line of conversation.jsonl and of the recipient's mailbox.</summary>
/// <param name="FromVerified">The sender's pane is registered as <paramref name="From"/>; false for a caller with no role of its own.</param>
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
    bool? FromVerified = null
);
