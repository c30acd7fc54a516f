using System.Text.Json.Serialization;

namespace SessionBridge.Hook;

/// <summary><c>{"hookSpecificOutput":{"hookEventName":"…","additionalContext":"…"}}</c>, named after the event it answers.</summary>
internal sealed record HookOutput([property: JsonPropertyName("hookSpecificOutput")] HookSpecificOutput HookSpecificOutput);

internal sealed record HookSpecificOutput(
    [property: JsonPropertyName("hookEventName")] string EventName,
    [property: JsonPropertyName("additionalContext")] string AdditionalContext
);
