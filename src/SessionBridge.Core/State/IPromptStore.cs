namespace SessionBridge.State;

/// <summary>Each role's standing briefing.</summary>
internal interface IPromptStore
{
    SavedPrompt? Find(RoleName role);

    IReadOnlyList<SavedPrompt> All();

    void Save(SavedPrompt prompt);

    /// <summary>Forgets a role's prompt; false when there was none.</summary>
    bool Delete(RoleName role);
}
