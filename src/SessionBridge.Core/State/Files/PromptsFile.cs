namespace SessionBridge.State;

/// <summary>The contents of prompts.json: every saved prompt, keyed by role name.</summary>
internal sealed record PromptsFile
{
    // set, not init: the JSON source generator passes a missing init-only member as null.
    public Dictionary<string, SavedPrompt> Prompts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What a file that parsed still lacks, or null.</summary>
    public string? Problem() =>
        Prompts is null ? "\"prompts\" is null"
        : Prompts.FirstOrDefault(p => p.Value?.Role is null || p.Value.Prompt is null) is { Key: { } role } ? $"the prompt of \"{role}\" lacks its role or text"
        : null;
}
