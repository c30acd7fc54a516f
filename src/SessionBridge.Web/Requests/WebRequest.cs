using System.Text.Json;
using SessionBridge.Supervision;

namespace SessionBridge.Web.Requests;

/// <summary>
/// One pending request as the board shows it: the summary <c>respond</c> works from (tool, subject, questions,
/// options, who decides) and <c>Input</c>, the tool input exactly as Claude Code gave the role's hook.
/// </summary>
internal sealed record WebRequest(
    string Id,
    string Role,
    string Team,
    string Tool,
    string Subject,
    string Supervisor,
    DateTimeOffset Since,
    IReadOnlyList<RequestQuestion>? Questions,
    IReadOnlyList<string> Options,
    JsonElement? Input
);
