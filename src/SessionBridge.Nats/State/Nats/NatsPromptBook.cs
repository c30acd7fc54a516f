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

    public Task<SavedPrompt?> FindAsync(RoleName role, CancellationToken cancellationToken) => _bucket.FindAsync(role.Value, cancellationToken);

    public async Task<IReadOnlyList<SavedPrompt>> AllAsync(CancellationToken cancellationToken) =>
        [.. (await _bucket.AllAsync(cancellationToken)).OrderBy(p => p.Role, StringComparer.Ordinal)];

    public Task SaveAsync(SavedPrompt prompt, CancellationToken cancellationToken) => _bucket.PutAsync(prompt.Role, prompt, cancellationToken);

    public Task<bool> DeleteAsync(RoleName role, CancellationToken cancellationToken) =>
        _bucket.ChangeAsync(
            role.Value,
            prompt => (prompt is null ? NatsEdit<SavedPrompt>.Keep : NatsEdit<SavedPrompt>.Remove, prompt is not null),
            cancellationToken
        );
}
