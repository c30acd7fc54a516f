namespace SessionBridge.Team;

/// <summary>
/// The original's three-session loop: the gestor coordinates and talks to the person, dev writes the code and
/// pings the reviewer, the reviewer reviews and reports to the gestor. Its briefings are short on purpose: each
/// says who the role is, who it talks to, and which session-bridge tools carry the work between them. Every role runs
/// in Claude Code's "default" permission mode (<see cref="PermissionMode"/>): the gestor supervises dev and the
/// reviewer, and in auto mode, Claude Code's own default on 2.1.331, they would rarely ask it anything.
/// </summary>
internal static class DefaultTeam
{
    public const string GestorBriefing =
        "You are the gestor: you coordinate this team and you are the one who talks to the person. Turn the person's "
        + "requests into tasks and give them to dev with the session-bridge send tool (to: \"dev\"). dev pings the "
        + "reviewer when a change is ready; the reviewer reports its review to you. Check your inbox (inbox, role: "
        + "\"gestor\") when a message arrives, use wait_for to wait for a peer instead of polling, and list_peers or "
        + "detect_question to see who is busy or stuck on a question. Tell the person what was done and what needs "
        + "their decision. Do not write the code yourself.";

    public const string DevBriefing =
        "You are dev: you write the code. Tasks come from the gestor through session-bridge messages; read them "
        + "with inbox (role: \"dev\"). When a change is ready, commit it and send the reviewer a short note (send, "
        + "to: \"reviewer\") saying what changed and where. If the reviewer asks for changes, make them and ping the "
        + "reviewer again. If a task is unclear, ask the gestor (send, to: \"gestor\") rather than guessing.";

    public const string ReviewerBriefing =
        "You are the reviewer: you review what dev writes. When dev pings you (read it with inbox, role: "
        + "\"reviewer\"), review the change: correctness, tests, clarity. Send dev what must change (send, to: "
        + "\"dev\") and wait for the fix with wait_for. When the change is good, report to the gestor (send, to: "
        + "\"gestor\") with a short verdict and anything the person should know.";

    /// <summary>The mode in which every permission is asked, so a supervisor's supervision means something.</summary>
    public const string PermissionMode = "default";

    public static TeamDefinition In(string folder)
    {
        RoleDefinition Role(string name, string briefing, params string[] supervises) =>
            new(RoleName.Parse(name), briefing, null, false, folder, PermissionMode, null, [], new Dictionary<string, string>(), null,
                supervises.Select(s => RoleName.Parse(s)).ToList());

        return new TeamDefinition(
            TeamFile.SessionName(folder),
            TeamLayout.Windows,
            TeamFile.DefaultCommand,
            new Dictionary<string, string>(),
            [Role("gestor", GestorBriefing, "dev", "reviewer"), Role("dev", DevBriefing), Role("reviewer", ReviewerBriefing)],
            folder,
            null
        );
    }

    public static string StarterText(string schemaLocation) =>
        $$"""
        // The team `session-bridge up` starts from this folder. JSON with comments and trailing commas;
        // every key is described in docs/team-file.md of SessionBridge. Run `session-bridge up` to start it.
        {
          // Lets editors check this file as you type. Delete it, or point it at your own copy, if you commit
          // this file for others: it names where this machine installed session-bridge.
          "$schema": "{{Json(schemaLocation)}}",

          // The tmux session's name; default: this folder's name.
          // "name": "shop",

          // "windows": one full-size window per role (the default); "tiled": every role in one window.
          "layout": "windows",

          // How to start Claude Code; default: claude on PATH.
          // "command": "claude",

          // Environment for every role's session, on top of the one `up` runs in.
          // "env": { "KEY": "value" },

          "roles": {
            "gestor": {
              // A briefing is text, or "@path" to a Markdown file relative to this file, e.g. "@briefings/gestor.md".
              // It is saved as the role's prompt: the session gets it at start and again after /clear.
              "briefing": "{{Json(GestorBriefing)}}",
              "supervises": ["dev", "reviewer"],
              // "default": every permission is asked. The gestor supervises dev and the reviewer: in auto mode
              // (Claude Code's own default) or acceptEdits, bypassPermissions or dontAsk it is rarely or never asked.
              "permissionMode": "default",
            },
            "dev": {
              "briefing": "{{Json(DevBriefing)}}",
              "permissionMode": "default",          // claude --permission-mode
              // "worktree": true,                  // a git worktree of its own (claude --worktree dev)
            },
            "reviewer": {
              "briefing": "{{Json(ReviewerBriefing)}}",
              "permissionMode": "default",
              // "agent": "reviewer",               // a Claude Code agent (claude --agent)
              // "cwd": "../api",                   // where it starts, relative to this file; default: this folder
              // "model": "…", "args": ["…"], "env": { "KEY": "value" }, "command": "claude",
            },
          },
        }

        """;

    // The texts above hold quotes, never backslashes or control characters; a schema path may hold either.
    private static string Json(string text) => System.Text.Json.JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
}
