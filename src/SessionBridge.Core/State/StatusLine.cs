namespace SessionBridge.State;

/// <summary>
/// A later line with a held message's id that says what became of it (handed over, held again, given up).
/// Readers fold it into the message (<see cref="StatusFold"/>) and never show it alone.
/// </summary>
/// <param name="DeliveredAt">When the message left the held store; null while it is held again.</param>
internal sealed record StatusLine(
    string Id,
    DateTimeOffset Ts,
    string From,
    string To,
    DeliveryStatus Status,
    string? Reason,
    DeliveredVia? Via,
    DateTimeOffset? DeliveredAt
)
{
    /// <summary>The line that records, at <paramref name="at"/>, what became of the held <paramref name="message"/>.</summary>
    public static StatusLine About(MessageRecord message, DateTimeOffset at, DeliveryStatus status, string? reason, DeliveredVia? via) =>
        new(message.Id, at, message.From, message.To, status, reason, via, status is DeliveryStatus.Held or DeliveryStatus.HandedOver ? null : at);
}
