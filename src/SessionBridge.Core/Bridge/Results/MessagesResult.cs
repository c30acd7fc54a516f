using SessionBridge.State;

namespace SessionBridge.Bridge.Results;

/// <summary>
/// Messages, oldest first (newest last), how many corrupt log lines were skipped, (for an inbox) how many are
/// unread, and a note when the role asked about is one nobody registered and nobody wrote to (a typo, most
/// likely): an empty list alone would not say so. <c>Team</c>: whose conversation it is (history).
/// </summary>
internal sealed record MessagesResult(
    IReadOnlyList<MessageRecord> Messages,
    int SkippedCorruptLines,
    int? Unread = null,
    string? Note = null,
    string? Team = null
);
