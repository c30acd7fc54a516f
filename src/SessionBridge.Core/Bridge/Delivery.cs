namespace SessionBridge.Bridge;

/// <summary>The outcome of typing one message into a pane.</summary>
internal sealed record Delivery(bool Delivered, bool Submitted, DeliveryStatus Status, string? Reason)
{
    public static Delivery NotDelivered(string reason) => new(false, false, DeliveryStatus.NotDelivered, reason);
}
