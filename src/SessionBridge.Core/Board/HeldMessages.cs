using SessionBridge.State;

namespace SessionBridge.Board;

/// <summary>
/// Which messages are held: logged for a peer that could not take them yet, waiting to be typed. The one place
/// the board learns it, so the rows' <c>held</c> counts and the --held-after alert follow when delivery records it.
/// </summary>
internal static class HeldMessages
{
    /// <summary>
    /// The held messages among <paramref name="thread"/> (the newest of the conversation, oldest first).
    /// No delivery status says "held" yet, so today there are none. When the log records it, keep each message
    /// whose newest status is held (a later line for the same id saying it was typed releases it), with its
    /// time as <see cref="HeldMessage.Since"/>.
    /// </summary>
    public static IReadOnlyList<HeldMessage> In(IReadOnlyList<MessageRecord> thread)
    {
        _ = thread;
        return [];
    }
}
