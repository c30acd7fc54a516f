namespace SessionBridge.Team;

/// <summary>How <c>session-bridge up</c> runs.</summary>
/// <param name="Socket">The tmux server (<c>--socket</c>); null: the one <c>up</c> runs inside, else the default.</param>
/// <param name="Trust">Answer Claude Code's folder-trust dialog with "Yes", in the team's folders only.</param>
/// <param name="Force">Take a role that is registered to another live pane.</param>
/// <param name="Timeout">How long to wait for every role to be ready.</param>
/// <param name="Size">The size of a new detached session (a terminal's, or 160x45).</param>
/// <param name="Progress">Told of each role's progress while they start (a line each).</param>
internal sealed record TeamUpOptions(
    string? Socket,
    bool Trust,
    bool Force,
    TimeSpan Timeout,
    (int Width, int Height) Size,
    Action<string, string>? Progress = null
)
{
    /// <summary>
    /// How long an idle prompt may go without its SessionStart hook reporting before the role is given up: Claude
    /// Code runs that hook before it draws the prompt, so a prompt this long without it means no hook is wired.
    /// </summary>
    public TimeSpan HookGrace { get; init; } = TimeSpan.FromSeconds(10);

    public static (int Width, int Height) DefaultSize { get; } = (160, 45);
}
