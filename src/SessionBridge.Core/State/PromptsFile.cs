namespace SessionBridge.State;

/// <summary>The contents of prompts.json: every saved prompt, keyed by role name.</summary>
internal sealed record PromptsFile
{
    public Dictionary<string, SavedPrompt> Prompts { get; init; } = new(StringComparer.Ordinal);
}
