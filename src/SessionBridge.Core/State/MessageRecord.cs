using SessionBridge.Bridge;

namespace SessionBridge.State;

/// <summary>One message, as one line of conversation.jsonl and of the recipient's mailbox.</summary>
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
    DeliveryStatus? Status = null
);
