namespace SessionBridge.Bridge;

/// <summary>The outcome of typing one message into a pane; whether it was delivered and submitted follows from its status.</summary>
internal sealed record Delivery(DeliveryStatus Status, string? Reason)
{
    public bool Delivered => Status.IsDelivered();

    public bool Submitted => Status.IsSubmitted();

    public static Delivery NotDelivered(string reason) => new(DeliveryStatus.NotDelivered, reason);
}
