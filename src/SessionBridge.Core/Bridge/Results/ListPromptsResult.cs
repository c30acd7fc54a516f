using SessionBridge.State;

namespace SessionBridge.Bridge.Results;

internal sealed record ListPromptsResult(IReadOnlyList<SavedPrompt> Prompts);
