namespace SessionBridge.Migration;

/// <summary>What <c>session-bridge migrate --json</c> prints: where from, where to, and what was copied.</summary>
internal sealed record MigrationResult(string From, string To, CopyCounts Copied);
