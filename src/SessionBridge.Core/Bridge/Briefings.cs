using SessionBridge.Bridge.Results;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>set_prompt, get_prompt, list_prompts and delete_prompt: each role's standing briefing.</summary>
internal sealed class Briefings(BridgeOptions options, StateStore state, TimeProvider clock)
{
    public async Task<PromptResult> SetAsync(string? role, string? prompt, CancellationToken cancellationToken)
    {
        var name = RoleName.Parse(role);
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new BridgeException(
                "{arg:prompt} is empty. Give the role's standing briefing; to forget a prompt use {cmd:delete_prompt}."
            );
        }

        if (prompt.Length > Limits.MaxPromptLength)
        {
            throw new BridgeException(
                $"{{arg:prompt}} has {prompt.Length} characters; {Limits.MaxPromptLength} at most. Claude Code keeps "
                    + "about 10,000 characters of hook context, so keep the briefing short and point to files for the rest."
            );
        }

        options.State.EnsureCreated();
        var saved = new SavedPrompt(name.Value, prompt, clock.GetUtcNow());
        await state.Prompts.SaveAsync(saved, cancellationToken);
        return new PromptResult(true, saved.Role, saved.Prompt, saved.UpdatedAt);
    }

    public async Task<PromptResult> GetAsync(string? role, CancellationToken cancellationToken)
    {
        var name = RoleName.Parse(role);
        var saved = await state.Prompts.FindAsync(name, cancellationToken);
        return saved is null
            ? new PromptResult(false, name.Value, null, null)
            : new PromptResult(true, saved.Role, saved.Prompt, saved.UpdatedAt);
    }

    public async Task<ListPromptsResult> ListAsync(CancellationToken cancellationToken) => new(await state.Prompts.AllAsync(cancellationToken));

    public async Task<DeletePromptResult> DeleteAsync(string? role, CancellationToken cancellationToken)
    {
        var name = RoleName.Parse(role);
        options.State.EnsureCreated();
        return new DeletePromptResult(name.Value, await state.Prompts.DeleteAsync(name, cancellationToken));
    }
}
