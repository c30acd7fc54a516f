using System.Text.Json;

namespace SessionBridge.State;

/// <summary>
/// One permission request of a supervised peer, as its PermissionRequest hook received it: the tool, its exact
/// input and the permission suggestions as Claude Code gave them (never scraped from the screen), the pane and
/// session it came from, and how it ended: who decided what, when.
/// </summary>
/// <param name="WaitUntil">When the hook stops waiting; a request still pending after it was left by a killed hook.</param>
/// <param name="NoticeId">The id of the message that told the supervisor.</param>
/// <param name="EndedBy">The deciding role (or "person"), or "screen" (answered there) or "timeout".</param>
/// <param name="EndedVia">Where the decider answered when not through respond, e.g. "web" (the board).</param>
internal sealed record PermissionRequestRecord(
    string Id,
    string Role,
    string Supervisor,
    string Pane,
    string? Socket,
    string? SessionId,
    string ToolName,
    JsonElement? ToolInput,
    JsonElement? PermissionSuggestions,
    DateTimeOffset CreatedAt,
    DateTimeOffset WaitUntil,
    RequestStatus Status = RequestStatus.Pending,
    string? NoticeId = null,
    DateTimeOffset? EndedAt = null,
    string? EndedBy = null,
    RequestDecision? Decision = null,
    string? EndedVia = null
)
{
    public bool IsPending => Status == RequestStatus.Pending;
}
