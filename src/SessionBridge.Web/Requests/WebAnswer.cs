namespace SessionBridge.Web.Requests;

/// <summary>
/// POST /api/respond's body: <c>respond</c>'s arguments. <c>Request</c> names the request answered (stale if it has
/// ended); <c>Option</c> a label ("Yes", "No", a question's option), <c>Options</c> several, <c>Text</c> the person's own
/// answer, <c>Reason</c> why No.
/// </summary>
internal sealed record WebAnswer(
    string? Role,
    string? Request = null,
    string? Option = null,
    IReadOnlyList<string>? Options = null,
    string? Text = null,
    string? Reason = null,
    string? Team = null
);
