namespace SessionBridge.State;

/// <summary>prompts.json: each role's standing briefing, which survives /clear, restarts and reboots.</summary>
internal sealed class PromptBook(StateDirectory directory, TimeSpan lockTimeout) : IPromptStore
{
    private readonly JsonDocumentFile<PromptsFile> _file = new(
        directory.PromptsPath,
        () => StateJsonContext.Files.PromptsFile,
        () => new PromptsFile(),
        lockTimeout,
        "every role's saved prompt",
        f => f.Problem()
    );

    public Task<SavedPrompt?> FindAsync(RoleName role, CancellationToken cancellationToken) =>
        Task.FromResult(_file.Read().Prompts.TryGetValue(role.Value, out var prompt) ? prompt : null);

    public Task<IReadOnlyList<SavedPrompt>> AllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SavedPrompt>>([.. _file.Read().Prompts.Values.OrderBy(p => p.Role, StringComparer.Ordinal)]);

    public Task SaveAsync(SavedPrompt prompt, CancellationToken cancellationToken) =>
        _file.UpdateAsync(
            file =>
            {
                file.Prompts[prompt.Role] = prompt;
                return (file, true);
            },
            cancellationToken
        );

    /// <summary>Forgets a role's prompt; false when there was none.</summary>
    public Task<bool> DeleteAsync(RoleName role, CancellationToken cancellationToken) =>
        _file.UpdateAsync(file => (file, file.Prompts.Remove(role.Value)), cancellationToken);
}
