using SessionBridge.State;

namespace SessionBridge.Bridge.Results;

/// <summary>Messages, oldest first (newest last), how many corrupt log lines were skipped, and (for an inbox) how many are unread.</summary>
internal sealed record MessagesResult(
    IReadOnlyList<MessageRecord> Messages,
    int SkippedCorruptLines,
    int? Unread = null
);
