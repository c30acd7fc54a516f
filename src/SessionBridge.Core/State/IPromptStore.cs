namespace SessionBridge.State;

/// <summary>Each role's standing briefing.</summary>
internal interface IPromptStore
{
    Task<SavedPrompt?> FindAsync(RoleName role, CancellationToken cancellationToken);

    Task<IReadOnlyList<SavedPrompt>> AllAsync(CancellationToken cancellationToken);

    Task SaveAsync(SavedPrompt prompt, CancellationToken cancellationToken);

    /// <summary>Forgets a role's prompt; false when there was none.</summary>
    Task<bool> DeleteAsync(RoleName role, CancellationToken cancellationToken);
}
