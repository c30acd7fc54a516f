namespace SessionBridge.State;

/// <summary>Records read from a log, oldest first, and how many corrupt lines were skipped on the way.</summary>
internal sealed record LogPage<T>(IReadOnlyList<T> Records, int SkippedCorruptLines);
