namespace SessionBridge.Domain;

/// <summary>What a <see cref="DeliveryStatus"/> says of a message's text: the <c>delivered</c> and <c>submitted</c> flags follow from it.</summary>
internal static class DeliveryStatuses
{
    /// <summary>The text reached the peer's prompt (or, for a held message, its model).</summary>
    public static bool IsDelivered(this DeliveryStatus status) =>
        status is DeliveryStatus.Submitted or DeliveryStatus.Queued or DeliveryStatus.Typed or DeliveryStatus.Unverified;

    /// <summary>The text was taken as a prompt: a turn started, or Claude Code queued it.</summary>
    public static bool IsSubmitted(this DeliveryStatus status) => status is DeliveryStatus.Submitted or DeliveryStatus.Queued;
}
