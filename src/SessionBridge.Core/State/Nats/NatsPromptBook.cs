#pragma warning disable CS9113 // SKELETON
namespace SessionBridge.State.Nats;

/// <summary>the team bucket "prompts": one key per role.</summary>
internal sealed class NatsPromptBook(NatsTeam team) : IPromptStore
{
    // SKELETON: to be written.
    public SavedPrompt? Find(RoleName role) => throw new NotImplementedException();
    public IReadOnlyList<SavedPrompt> All() => throw new NotImplementedException();
    public void Save(SavedPrompt prompt) => throw new NotImplementedException();
    public bool Delete(RoleName role) => throw new NotImplementedException();
}
