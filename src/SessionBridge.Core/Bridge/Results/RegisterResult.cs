namespace SessionBridge.Bridge.Results;

/// <summary>A role bound to a pane; <c>Host</c>: the machine the pane is on, for a team across machines (null on one).</summary>
internal sealed record RegisterResult(
    string Role,
    string Pane,
    string? Socket,
    string? Cwd,
    DateTimeOffset RegisteredAt,
    string? MovedFrom,
    IReadOnlyList<string> AlsoOnThisPane,
    string? Host = null
);
