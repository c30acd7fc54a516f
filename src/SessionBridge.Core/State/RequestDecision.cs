using System.Text.Json;

namespace SessionBridge.State;

/// <summary>
/// A decision on a permission request, in the terms of Claude Code's PermissionRequest hook output: allow (with
/// the tool's input changed, e.g. AskUserQuestion's answers, and permission rules to add) or deny with a message
/// the peer's model receives. <c>Label</c> is what the decider chose, for the log.
/// </summary>
internal sealed record RequestDecision(
    bool Allow,
    string? Label = null,
    string? Message = null,
    JsonElement? UpdatedInput = null,
    JsonElement? UpdatedPermissions = null
);
