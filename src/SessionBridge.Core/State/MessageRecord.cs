namespace SessionBridge.State;

/// <summary>One message, as one line of conversation.jsonl and of the recipient's mailbox.</summary>
/// <param name="FromVerified">The sender's pane is registered as <paramref name="From"/>; false for a caller with no role of its own.</param>
/// <param name="DeliveredVia">For a message that was held: how it finally reached the peer's model.</param>
/// <param name="DeliveredAt">For a message that was held: when it left the held store (delivered or given up).</param>
/// <param name="Kind">
/// Null for a message. <see cref="StatusKind"/> for a status line: a later line with the same id that says what
/// became of a held message; readers fold it into the message (<see cref="StatusFold"/>) and never show it alone.
/// </param>
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
    string? Kind = null
)
{
    public const string StatusKind = "status";

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsStatusLine => Kind == StatusKind;

    /// <summary>The line that records, at <paramref name="at"/>, what became of this held message.</summary>
    public MessageRecord StatusLine(DateTimeOffset at, DeliveryStatus status, bool delivered, bool submitted, string? reason, DeliveredVia? via) =>
        new(Id, at, From, To, "", delivered, submitted, reason, null, status, null, via, at, StatusKind);
}
