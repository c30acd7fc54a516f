namespace SessionBridge.Bridge.Results;

internal sealed record DeletePromptResult(string Role, bool Deleted);
