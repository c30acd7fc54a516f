namespace SessionBridge.Bridge.Remote;

/// <summary>What became of a message typed on the pane's host (<see cref="Delivery"/> on the wire).</summary>
internal sealed record TypeAnswer(DeliveryStatus Status, string? Reason);
