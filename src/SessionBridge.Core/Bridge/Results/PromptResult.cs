namespace SessionBridge.Bridge.Results;

internal sealed record PromptResult(bool Found, string Role, string? Prompt, DateTimeOffset? UpdatedAt);
