namespace SessionBridge.State;

/// <summary>
/// What each hook event makes of a pane's presence (docs/hooks.md, "Peer states"). Pure: the hook
/// reads the current record, asks here, and writes what comes back; null means "leave the file alone".
/// </summary>
internal static class PresenceTransitions
{
    public const string AskUserQuestion = "AskUserQuestion";

    // idle_prompt is sent after the prompt has sat idle for about a minute. An event newer than this
    // means the session was not idle that long, so the notification is late and must not undo it.
    internal static readonly TimeSpan IdlePromptQuiet = TimeSpan.FromSeconds(20);

    /// <param name="current">This pane process's record, or null (none yet, or a stranger's).</param>
    public static Presence? Apply(Presence? current, HookInput hook, PaneIdentity pane, DateTimeOffset now)
    {
        if (hook.Event is not { } name)
            return null;
        var (state, tool) = Decide(current, name, hook, now);
        if (state is null)
            return null;

        var since = current is not null && current.State == state ? current.Since : now;
        // A later event keeps the last answer: busy after Stop still knows what the last turn concluded.
        var (answer, answerAt) = hook.LastAssistantMessage is { } message
            ? (PresenceAnswer.Bound(message), now)
            : (current?.LastAnswer, current?.LastAnswerAt);

        return new Presence(
            state.Value,
            since,
            hook.SessionId ?? current?.SessionId,
            name,
            tool,
            now,
            pane.Socket,
            pane.ServerPid,
            pane.Pane,
            pane.PanePid,
            answer,
            answerAt
        );
    }

    private static (PresenceState? State, string? Tool) Decide(Presence? current, HookEventName name, HookInput hook, DateTimeOffset now) =>
        name switch
        {
            // A compaction's SessionStart comes mid-turn as often as not: PreCompact/PostCompact decide.
            HookEventName.SessionStart => hook.Source == "compact" ? (null, null) : (PresenceState.Idle, null),
            HookEventName.UserPromptSubmit => (PresenceState.Busy, null),
            // AskUserQuestion's menu is on screen as PreToolUse fires (measured on 2.1.328): no need to wait for
            // PermissionRequest, which older Claude Code lacks.
            HookEventName.PreToolUse => (hook.ToolName == AskUserQuestion ? PresenceState.WaitingQuestion : PresenceState.Busy, hook.ToolName),
            HookEventName.PermissionRequest => (
                hook.ToolName == AskUserQuestion ? PresenceState.WaitingQuestion : PresenceState.WaitingPermission,
                hook.ToolName
            ),
            HookEventName.PostToolUse or HookEventName.PostToolUseFailure => (PresenceState.Busy, hook.ToolName),
            // Compacting runs the model: busy until the turn's Stop (auto) or PostCompact (manual /compact).
            HookEventName.PreCompact => (PresenceState.Busy, null),
            HookEventName.PostCompact => (hook.Trigger == "manual" ? PresenceState.Idle : PresenceState.Busy, null),
            HookEventName.Stop or HookEventName.StopFailure => (PresenceState.Idle, null),
            HookEventName.SessionEnd => (PresenceState.Ended, null),
            HookEventName.Notification => Notification(current, hook, now),
            _ => (null, null),
        };

    /// <summary>
    /// Notifications come seconds after the event they report, so they may only fill a gap the prompt
    /// signals left, never undo a newer state.
    /// </summary>
    private static (PresenceState? State, string? Tool) Notification(Presence? current, HookInput hook, DateTimeOffset now)
    {
        if (current is null)
            return (null, null);

        switch (hook.NotificationType)
        {
            // A dialog has been up a while. Only news when a tool started and nothing since said so
            // (Claude Code without PermissionRequest). After PostToolUse the dialog was answered: keep busy.
            case "permission_prompt" when current is { State: PresenceState.Busy, Event: HookEventName.PreToolUse }:
                return (
                    current.Tool == AskUserQuestion ? PresenceState.WaitingQuestion : PresenceState.WaitingPermission,
                    current.Tool
                );
            // The prompt has sat idle a while: the turn was interrupted (Escape fires no hook). Waiting
            // states stay: a dialog may still be up, and the screen is the check.
            case "idle_prompt" when current.State == PresenceState.Busy && now - current.UpdatedAt >= IdlePromptQuiet:
                return (PresenceState.Idle, null);
            default:
                return (null, null);
        }
    }
}
