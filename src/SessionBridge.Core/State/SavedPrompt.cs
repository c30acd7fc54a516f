namespace SessionBridge.State;

/// <summary>A role's standing briefing, restored by the SessionStart hook.</summary>
internal sealed record SavedPrompt(string Role, string Prompt, DateTimeOffset UpdatedAt);
