namespace SessionBridge.State;

/// <summary>prompts.json: each role's standing briefing, which survives /clear, restarts and reboots.</summary>
internal sealed class PromptBook(StateDirectory directory, TimeSpan lockTimeout) : IPromptStore
{
    private readonly JsonDocumentFile<PromptsFile> _file = new(
        directory.PromptsPath,
        StateJsonContext.Files.PromptsFile,
        () => new PromptsFile(),
        lockTimeout,
        "every role's saved prompt",
        f => f.Problem()
    );

    public SavedPrompt? Find(RoleName role) =>
        _file.Read().Prompts.TryGetValue(role.Value, out var prompt) ? prompt : null;

    public IReadOnlyList<SavedPrompt> All() =>
        [.. _file.Read().Prompts.Values.OrderBy(p => p.Role, StringComparer.Ordinal)];

    public void Save(SavedPrompt prompt) =>
        _file.Update(file =>
        {
            file.Prompts[prompt.Role] = prompt;
            return (file, true);
        });

    /// <summary>Forgets a role's prompt; false when there was none.</summary>
    public bool Delete(RoleName role) => _file.Update(file => (file, file.Prompts.Remove(role.Value)));
}
