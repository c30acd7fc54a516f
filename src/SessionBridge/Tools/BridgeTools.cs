using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ModelContextProtocol.Server;
using SessionBridge.Bridge;
using SessionBridge.Bridge.Remote;
using SessionBridge.Bridge.Results;

namespace SessionBridge.Server.Tools;

/// <summary>
/// The twelve tools of the original, plus broadcast, wait_for and supervise. Each translates its arguments into one call on
/// a use case (<see cref="UseCases"/>) and returns the result as JSON; the logic lives in the library. Defaults
/// and ranges come from <see cref="Limits"/>: the model reads them in each tool's input schema.
/// </summary>
[McpServerToolType]
internal sealed class BridgeTools(UseCases bridge)
{
    private const string RoleDescription =
        "A role name: 1-32 characters of a-z, 0-9, '-' and '_' (for example \"dev\", \"gestor\", \"reviewer\").";

    [McpServerTool(Name = "register", Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description(
        "Bind this session's tmux pane to a role, so other sessions can send to it. Call once at the start; "
            + "calling again with the same role moves it to this pane."
    )]
    public Task<RegisterResult> Register(
        [Description(RoleDescription + " The role this session plays.")] string role,
        [Description("tmux pane id such as \"%3\". Leave out to use this session's own pane ($TMUX_PANE).")]
            string? pane = null,
        CancellationToken cancellationToken = default
    ) => ToolCall.RunAsync(() => bridge.Roster.RegisterAsync(role, pane, cancellationToken));

    [McpServerTool(Name = "list_peers", ReadOnly = true, OpenWorld = false)]
    [Description(
        "List every registered role with its pane, working directory, registration and last-seen times, and "
            + "whether its pane is alive now (status: alive, dead, gone, stale, copy_mode, shell, or stopped: ended on "
            + "purpose by session-bridge down, its messages kept until session-bridge up resumes it)."
    )]
    public Task<ListPeersResult> ListPeers(CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(() => bridge.Roster.ListPeersAsync(cancellationToken));

    [McpServerTool(Name = "send", Destructive = false, OpenWorld = false)]
    [Description(
        "Type a message into another session's Claude Code prompt and press Enter, so it arrives there as a "
            + "new user turn (queued by Claude Code if that session is busy). The message is always logged to the "
            + "shared history and the recipient's inbox; if the pane cannot be typed into, the result says "
            + "delivered:false and why. status: submitted (Claude Code took it), queued (the peer was busy: Claude "
            + "Code queued it), typed (still in its prompt: submit:false or Enter was lost), held (the peer is on a "
            + "menu or permission prompt, or a human's draft is in its prompt: nothing typed; it reaches the peer on its "
            + "own, once, as soon as it can take it; wait_for until=delivered with id to know when; this replaced "
            + "refused_menu and refused_draft), not_claude (the pane runs something else, named in reason: nothing "
            + "typed), not_delivered (the pane is gone, dead or in copy mode), refused_rate (you sent this peer too many "
            + "messages in the last 60 s: reason says when you may again). unverified: typed with force into a program "
            + "that is not Claude Code (submitted:false). A text starting with "
            + "\"/\" (\"/clear\") is a slash command: typed without the [from:role] tag; held, it is typed once the "
            + "prompt is free, never handed over as context."
    )]
    public Task<SendResult> Send(
        [Description("The recipient's role. " + RoleDescription)] string to,
        [Description(
            "Your own role, shown to the recipient as [from:<role>]: a role registered on your own pane, or, with "
                + "no role of your own, any name no other pane is registered as. " + RoleDescription
        )]
            string from,
        [Description("The message. Several lines are fine; control characters are removed.")] string text,
        [Description("Press Enter after typing (default true). false leaves the text in the prompt.")]
            bool submit = true,
        [Description("Prefix the text with \"[from:<from>] \" (default true). false types the text as is.")]
            bool tag = true,
        [Description("The id of the message this answers (from history or inbox), to keep a thread.")]
            string? reply_to = null,
        [Description(
            "Type now even if the peer's prompt holds an unsent draft or shows a menu, or the pane runs another agent "
                + "CLI rather than Claude Code (default false: status held, or not_claude)."
        )]
            bool force = false,
        CancellationToken cancellationToken = default
    ) => ToolCall.RunAsync(() => bridge.Sending.SendAsync(to, from, text, submit, tag, reply_to, force, cancellationToken));

    [McpServerTool(Name = "read_peer", ReadOnly = true, OpenWorld = false)]
    [Description(
        "Read another session's screen as text: what is visible plus some scrollback; and, when its hooks "
            + "recorded it, its final answer of the last turn whole (lastAnswer, lastAnswerAt)."
    )]
    public Task<ReadPeerResult> ReadPeer(
        [Description("The role whose screen to read. " + RoleDescription)] string role,
        [Description("Lines of scrollback above the visible screen.")] [Range(0, Limits.MaxScrollback)]
            int lines = Limits.DefaultReadLines,
        CancellationToken cancellationToken = default
    ) => ToolCall.RunAsync(() => bridge.Screens.ReadPeerAsync(role, lines, cancellationToken));

    [McpServerTool(Name = "detect_question", ReadOnly = true, OpenWorld = false)]
    [Description(
        "Classify another session's screen: busy (working), waiting_select (a menu or permission prompt: "
            + "heading and options with number, label and which is selected), waiting_text (idle and asking a "
            + "question: answer it with send), idle, or unknown. Answer menus with respond. stateSource says "
            + "whether the peer's hooks (hook) or its screen (screen) decided; menu details come from the screen."
    )]
    public Task<DetectQuestionResult> DetectQuestion(
        [Description("The role whose screen to classify. " + RoleDescription)] string role,
        [Description("Lines of scrollback to include.")] [Range(0, Limits.MaxScrollback)]
            int lines = Limits.DefaultDetectLines,
        CancellationToken cancellationToken = default
    ) => ToolCall.RunAsync(() => bridge.Screens.DetectQuestionAsync(role, lines, cancellationToken));

    [McpServerTool(Name = "respond", Destructive = true, OpenWorld = false)]
    [Description(
        "Answer a menu or permission prompt in another session. Either name the option (option:\"SQLite\", or "
            + "its number \"2\"): the menu on its screen is read and the arrows and Enter pressed for you. Or "
            + "press key tokens yourself, e.g. [\"1\"], [\"Down\",\"Down\",\"Enter\"] or [\"Escape\"]: one "
            + "character, Enter, Escape, Up, Down, Left, Right, Tab, BTab, Space, BSpace, Home, End, PageUp, "
            + "PageDown, C-<letter>. Returns the screen state after. To type words, use send. When the role is "
            + "supervised and waits on a permission request (you were told with its request id), option answers it through "
            + "the peer's own hook and no key is pressed: \"Yes\", \"No\" (with reason, which its model receives), \"Yes, "
            + "and don't ask again\" (keeps the rule), or a question's option label; options for several labels, text for "
            + "your own words. answeredVia says hook or keys. status:\"stale\" means the request had already ended "
            + "(answered on screen, by another, or timed out): nothing was pressed or decided."
    )]
    public Task<RespondResult> Respond(
        [Description("The role to answer. " + RoleDescription)] string role,
        [Description("Key tokens, pressed in order. Leave out when giving option.")] string[]? keys = null,
        [Description(
            "The menu option to choose: its label (exact, or a unique start or part of it, any case) or its number."
        )]
            string? option = null,
        [Description("The id of the request you were told about: stale if it is no longer pending.")] string? request = null,
        [Description("Several option labels, for a question that takes several (multiSelect).")] string[]? options = null,
        [Description("Your own words as the answer to a question (its \"Type something\").")] string? text = null,
        [Description("With a No: why, and what to do instead. The peer's model receives it.")] string? reason = null,
        CancellationToken cancellationToken = default
    ) => ToolCall.RunAsync(() => bridge.Menus.RespondAsync(new RespondRequest(role, keys, option, request, options, text, reason), cancellationToken));

    [McpServerTool(Name = "history", ReadOnly = true, OpenWorld = false)]
    [Description(
        "The shared conversation between all roles, newest last; with role, only messages from or to it; with "
            + "thread, one message and every reply to it."
    )]
    public Task<MessagesResult> History(
        [Description("How many messages.")] [Range(Limits.MinMessages, Limits.MaxMessages)]
            int limit = Limits.DefaultMessages,
        [Description("Only messages from or to this role. " + RoleDescription)] string? role = null,
        [Description("A message id: show that message and its replies (send's reply_to) instead.")]
            string? thread = null,
        CancellationToken cancellationToken = default
    ) =>
        ToolCall.RunAsync(() =>
            thread is null ? bridge.Reading.HistoryAsync(limit, role, cancellationToken) : bridge.Reading.ThreadAsync(thread, limit, cancellationToken)
        );

    [McpServerTool(Name = "inbox", ReadOnly = false, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description(
        "Messages sent to a role, newest last, including ones whose push into its pane failed (delivered:false). "
            + "unread says how many came after the last one marked read."
    )]
    public Task<MessagesResult> Inbox(
        [Description("Whose inbox. " + RoleDescription)] string role,
        [Description("How many messages.")] [Range(Limits.MinMessages, Limits.MaxMessages)]
            int limit = Limits.DefaultMessages,
        [Description("Only messages after the last one marked read (default false).")] bool unread_only = false,
        [Description("Mark the newest message returned, and all before it, read (default false).")]
            bool mark_read = false,
        CancellationToken cancellationToken = default
    ) => ToolCall.RunAsync(() => bridge.Reading.InboxAsync(role, limit, unread_only, mark_read, cancellationToken));

    [McpServerTool(Name = "broadcast", Destructive = false, OpenWorld = false)]
    [Description(
        "Send one message to every other registered role (or to the roles listed), each into its own pane. "
            + "Returns one result per peer; every message is logged, delivered or not."
    )]
    public Task<BroadcastResult> Broadcast(
        [Description("Your own role. " + RoleDescription)] string from,
        [Description("The message.")] string text,
        [Description("Only these roles (default: everyone registered but you).")] string[]? roles = null,
        CancellationToken cancellationToken = default
    ) => ToolCall.RunAsync(() => bridge.Sending.BroadcastAsync(from, text, roles, cancellationToken));

    [McpServerTool(Name = "wait_for", ReadOnly = true, OpenWorld = false)]
    [Description(
        "Wait (up to timeout_s) until a peer is idle, is waiting on a question or menu, or has sent you a "
            + "message, instead of polling with read_peer. Returns met:false on timeout. The state comes from the "
            + "peer's Claude Code hooks when it has them (stateSource hook), else its screen; a wait that ends on "
            + "idle carries the peer's final answer of the turn as lastAnswer. until=message with reply_to returns "
            + "at once if that reply is already in your inbox; without reply_to it returns the first unread message "
            + "from role, even one that came before the call. It does not mark it read: inbox with mark_read does, "
            + "or the next wait returns the same message. until=delivered with id returns when a held message to role "
            + "has gone through (message then has its final status and deliveredVia); met:false if it was given up."
    )]
    public Task<WaitResult> WaitFor(
        [Description("The peer to watch. " + RoleDescription)] string role,
        [Description(
            "idle, question (a menu or a question), idle_or_question, message (a message from role to me), or delivered "
                + "(a held message to role, given by id, has gone through)."
        )]
            string until,
        [Description("Seconds to wait at most.")] [Range(Limits.MinWaitSeconds, Limits.MaxWaitSeconds)]
            int timeout_s = Limits.DefaultWaitSeconds,
        [Description("Your own role: whose inbox to watch when until is message.")] string? me = null,
        [Description("With until=message: only a reply to this message id.")] string? reply_to = null,
        [Description("With until=delivered: the id send returned for the held message.")] string? id = null,
        CancellationToken cancellationToken = default
    ) => ToolCall.RunAsync(() => bridge.Waiting.WaitForAsync(role, until, timeout_s, me, reply_to, cancellationToken, id));

    [McpServerTool(Name = "supervise", Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description(
        "Supervise roles as your own role: when one of them waits on a permission dialog or a question (its "
            + "PermissionRequest hook), you are told at once with a message naming the request, and you answer it with "
            + "respond, through Claude Code's own hook (no key pressed). No polling needed. A role has one supervisor: "
            + "this replaces an earlier one (replaced says whom). stop:true ends your supervision of the roles."
    )]
    public Task<SuperviseResult> Supervise(
        [Description("The roles to supervise. " + RoleDescription)] string[] roles,
        [Description("End your supervision of these roles instead (default false).")] bool stop = false,
        [Description("Your own role, when this session is registered as several. " + RoleDescription)] string? by = null,
        [Description(
            "What to be told of these roles: questions (a permission or question waits), done (a turn finished, with the "
                + "start of its answer), ended (its session ended or failed). Default: questions and ended."
        )]
            string[]? notify = null,
        CancellationToken cancellationToken = default
    ) => ToolCall.RunAsync(() => bridge.Supervising.SuperviseAsync(roles, stop, by, notify, cancellationToken));

    [McpServerTool(Name = "set_prompt", Idempotent = true, Destructive = true, OpenWorld = false)]
    [Description(
        "Save a role's standing briefing. The SessionStart hook gives it back to that role's session after "
            + "/clear, compaction, resume and restart. Replaces any earlier prompt for the role."
    )]
    public Task<PromptResult> SetPrompt(
        [Description("The role the briefing is for. " + RoleDescription)] string role,
        [Description("The briefing: who the role is, what it works on, how it reports.")] string prompt,
        CancellationToken cancellationToken = default
    ) => ToolCall.RunAsync(() => bridge.Briefings.SetAsync(role, prompt, cancellationToken));

    [McpServerTool(Name = "get_prompt", ReadOnly = true, OpenWorld = false)]
    [Description("A role's saved briefing, or found:false.")]
    public Task<PromptResult> GetPrompt([Description(RoleDescription)] string role, CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(() => bridge.Briefings.GetAsync(role, cancellationToken));

    [McpServerTool(Name = "list_prompts", ReadOnly = true, OpenWorld = false)]
    [Description("Every saved briefing, by role.")]
    public Task<ListPromptsResult> ListPrompts(CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(() => bridge.Briefings.ListAsync(cancellationToken));

    [McpServerTool(Name = "delete_prompt", Idempotent = true, Destructive = true, OpenWorld = false)]
    [Description("Forget a role's saved briefing, so the hook stops restoring it. deleted:false if there was none.")]
    public Task<DeletePromptResult> DeletePrompt([Description(RoleDescription)] string role, CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(() => bridge.Briefings.DeleteAsync(role, cancellationToken));
}
