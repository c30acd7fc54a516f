using SessionBridge.Bridge;
using SessionBridge.State;

namespace SessionBridge.Server.Cli.Board;

/// <summary>
/// Which messages are held: logged for a peer that could not take them yet, waiting to be handed over. The one
/// place the board learns it, so the rows' <c>held</c> counts and the --held-after alert follow delivery.
/// </summary>
internal static class HeldMessages
{
    /// <summary>
    /// The held messages among <paramref name="thread"/> (the newest of the conversation, oldest first, as history
    /// reads it: a held message's later status line already folded in). Raw status lines, if any are given, release
    /// the message they name. Each keeps its own time as <see cref="HeldMessage.Since"/>.
    /// </summary>
    public static IReadOnlyList<HeldMessage> In(IReadOnlyList<MessageRecord> thread)
    {
        var released = thread.Where(m => m.IsStatusLine && m.Status != DeliveryStatus.Held).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return thread
            .Where(m => !m.IsStatusLine && m.Status == DeliveryStatus.Held && !released.Contains(m.Id))
            .Select(m => new HeldMessage(m.Id, m.To, m.From, m.Ts))
            .ToList();
    }
}
