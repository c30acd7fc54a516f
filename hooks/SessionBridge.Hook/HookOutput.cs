using System.Text.Json.Serialization;

namespace SessionBridge.Hook;

/// <summary><c>{"hookSpecificOutput":{"hookEventName":"SessionStart","additionalContext":"…"}}</c></summary>
internal sealed record HookOutput([property: JsonPropertyName("hookSpecificOutput")] HookSpecificOutput HookSpecificOutput);

internal sealed record HookSpecificOutput(
    [property: JsonPropertyName("hookEventName")] string HookEventName,
    [property: JsonPropertyName("additionalContext")] string AdditionalContext
);
