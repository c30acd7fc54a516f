using System.Text.Json.Serialization;

namespace SessionBridge.State;

/// <summary>
/// One line of conversation.jsonl or of a mailbox, as written: a <see cref="MessageRecord"/>, or (with
/// <see cref="Kind"/> <c>"status"</c>) a <see cref="StatusLine"/> in the same fields. Only the log reads and
/// writes this shape; everything else gets a message or a status line.
/// </summary>
internal sealed record LogLine(
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

    [JsonIgnore]
    public bool IsStatus => Kind == StatusKind;

    public static LogLine Of(MessageRecord m) =>
        new(m.Id, m.Ts, m.From, m.To, m.Text, m.Delivered, m.Submitted, m.Reason, m.ReplyTo, m.Status, m.FromVerified, m.DeliveredVia, m.DeliveredAt);

    public static LogLine Of(StatusLine s) =>
        new(s.Id, s.Ts, s.From, s.To, "", s.Status.IsDelivered(), s.Status.IsSubmitted(), s.Reason, null, s.Status, null, s.Via, s.DeliveredAt, StatusKind);

    public MessageRecord ToMessage() =>
        new(Id, Ts, From, To, Text, Delivered, Submitted, Reason, ReplyTo, Status, FromVerified, DeliveredVia, DeliveredAt);

    // A status line always has a status; one without is read as what it can only mean, not delivered.
    public StatusLine ToStatus() => new(Id, Ts, From, To, Status ?? DeliveryStatus.NotDelivered, Reason, DeliveredVia, DeliveredAt);
}
