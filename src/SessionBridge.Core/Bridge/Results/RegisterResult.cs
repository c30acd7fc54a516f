namespace SessionBridge.Bridge.Results;

internal sealed record RegisterResult(
    string Role,
    string Pane,
    string? Socket,
    string? Cwd,
    DateTimeOffset RegisteredAt,
    string? MovedFrom,
    IReadOnlyList<string> AlsoOnThisPane
);
