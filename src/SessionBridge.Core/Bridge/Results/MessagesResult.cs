using SessionBridge.State;

namespace SessionBridge.Bridge.Results;

/// <summary>Messages, oldest first (newest last), and how many corrupt log lines were skipped.</summary>
internal sealed record MessagesResult(IReadOnlyList<MessageRecord> Messages, int SkippedCorruptLines);
