namespace SessionBridge.State.Nats;

/// <summary>
/// The team bucket "prompts": one key per role. A prompt is at most Limits.MaxPromptLength (100,000) characters:
/// even all escaped (6 bytes a character) that is 600 KB of JSON, inside the 1 MB a NATS message carries by
/// default; a server configured smaller gets a StateException saying so, never a crash.
/// </summary>
internal sealed class NatsPromptBook(NatsTeam team) : IPromptStore
{
    /// <summary>The bucket's name within the team (sb_&lt;team&gt;_prompts).</summary>
    public const string BucketName = "prompts";

    private readonly NatsBucket<SavedPrompt> _bucket = new(team, BucketName, StateJsonContext.Files.SavedPrompt, "every role's saved prompt");

    public SavedPrompt? Find(RoleName role) => _bucket.Find(role.Value);

    public IReadOnlyList<SavedPrompt> All() => [.. _bucket.All().OrderBy(p => p.Role, StringComparer.Ordinal)];

    public void Save(SavedPrompt prompt) => _bucket.Put(prompt.Role, prompt);

    public bool Delete(RoleName role) =>
        _bucket.Change(role.Value, prompt => (prompt is null ? NatsEdit<SavedPrompt>.Keep : NatsEdit<SavedPrompt>.Remove, prompt is not null));
}
