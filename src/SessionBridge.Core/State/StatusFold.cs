namespace SessionBridge.State;

/// <summary>
/// Folds status lines into the messages they are about, for one read of a log from its end. A status line is
/// always written after its message, so a backward read meets it first: <see cref="Keep"/> remembers it (and
/// never returns it as a record), and <see cref="Apply"/> gives the message its final status. A held message
/// with no status line after a day is shown as never delivered.
/// </summary>
internal sealed class StatusFold(DateTimeOffset now)
{
    private readonly Dictionary<string, StatusLine> _newest = new(StringComparer.Ordinal);

    /// <summary>A filter for a backward read: false for status lines (kept), else <paramref name="filter"/> on the message.</summary>
    public bool Keep(LogLine line, Func<MessageRecord, bool>? filter)
    {
        if (line.IsStatus)
        {
            _newest.TryAdd(line.Id, line.ToStatus());
            return false;
        }

        return filter is null || filter(line.ToMessage());
    }

    public LogPage<MessageRecord> Apply(LogPage<LogLine> page) =>
        new(page.Records.Select(line => Apply(line.ToMessage())).ToList(), page.SkippedCorruptLines);

    public MessageRecord Apply(MessageRecord message)
    {
        if (_newest.TryGetValue(message.Id, out var status))
        {
            return message with
            {
                Delivered = status.Status.IsDelivered(),
                Submitted = status.Status.IsSubmitted(),
                Status = status.Status,
                Reason = status.Reason,
                DeliveredVia = status.Via,
                DeliveredAt = status.Status is DeliveryStatus.Held or DeliveryStatus.HandedOver ? null : status.DeliveredAt ?? status.Ts,
            };
        }

        return Expired(message, now);
    }

    /// <summary>A held message left in a log where nothing ever delivered it: after a day, it never will be.</summary>
    public static MessageRecord Expired(MessageRecord message, DateTimeOffset now) =>
        message.Status == DeliveryStatus.Held && now - message.Ts > HeldStore.Expiry
            ? message with
            {
                Status = DeliveryStatus.NotDelivered,
                Reason = NeverDelivered(message),
            }
            : message;

    public static string NeverDelivered(MessageRecord message) =>
        $"held since {message.Ts.UtcDateTime:yyyy-MM-dd HH:mm} UTC and never delivered: {message.To} could not take it "
        + $"for a day, so it was given up. It stays here in {message.To}'s inbox.";
}
