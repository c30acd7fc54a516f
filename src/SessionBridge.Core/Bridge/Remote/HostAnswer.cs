using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionBridge.Bridge.Remote;

/// <summary>
/// A host's answer: the outcome (the same record the local use case returns; "result" on the wire), or the error it
/// raised, with its code, so the asking host raises the same error as if the pane were its own.
/// </summary>
internal sealed record HostAnswer(
    [property: JsonPropertyName("result")] JsonElement? Outcome,
    string? Error = null,
    ErrorCode? Code = null
);
