using System.Text.Json;

namespace SessionBridge.Bridge.Remote;

/// <summary>
/// A host's answer: the result (the same record the local use case returns), or the error it raised, with its code,
/// so the asking host raises the same error as if the pane were its own.
/// </summary>
internal sealed record HostAnswer(JsonElement? Result, string? Error = null, ErrorCode? Code = null);
