namespace SessionBridge.Bridge.Results;

/// <summary>
/// A peer's screen as text, and beside it the final answer of its last turn as its Stop hook recorded it
/// (whole, not scraped from the screen; null when it has none).
/// </summary>
internal sealed record ReadPeerResult(
    string Role,
    string Pane,
    int Lines,
    string Screen,
    string? LastAnswer = null,
    DateTimeOffset? LastAnswerAt = null
);
