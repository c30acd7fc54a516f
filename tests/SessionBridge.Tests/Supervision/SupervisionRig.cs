using System.Text.Json;
using SessionBridge.Bridge;
using SessionBridge.State;
using SessionBridge.Tests.Hook;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Supervision;

/// <summary>
/// dev supervised by gestor on a temp state directory and a private tmux server, and dev's hook run as Claude Code
/// runs it: a real process, the event on stdin, the pane in the environment. A PermissionRequest hook may wait, so
/// it runs in the background and can be signalled.
/// </summary>
internal sealed class SupervisionRig(PrivateTmuxServer tmux, string stateDirectory)
{
    public StateStore Store { get; } = new(new StateDirectory(stateDirectory), TimeSpan.FromSeconds(10), TimeProvider.System);

    public string DevPane { get; private set; } = "";

    public string GestorPane { get; private set; } = "";

    /// <summary>The fake menu's log when dev's pane shows one: every key pressed into it.</summary>
    public string? MenuLog { get; private set; }

    /// <param name="menu">dev's pane shows a question menu (a fake Claude Code that logs every key), else it records what it gets.</param>
    public async Task StartAsync(bool supervised = true, bool menu = false)
    {
        if (menu)
            (DevPane, MenuLog) = await tmux.StartFakeMenuAsync();
        else
            (DevPane, _) = await tmux.StartRecorderAsync();
        GestorPane = await tmux.StartPaneAsync("sleep 86400");
        Store.Directory.EnsureCreated();
        var now = DateTimeOffset.UtcNow;
        var bridge = new UseCases(TestBridge.Options(stateDirectory, tmux));
        await bridge.Roster.RegisterAsync("dev", DevPane, TestContext.Current.CancellationToken);
        await bridge.Roster.RegisterAsync("gestor", GestorPane, TestContext.Current.CancellationToken);
        if (supervised)
            await Store.Supervision.SetAsync(RoleName.Parse("gestor"), [RoleName.Parse("dev")], now, null, TestContext.Current.CancellationToken);
    }

    public static string PermissionRequest(string command = "npm test", string session = "session-1", bool suggestions = true) =>
        HookEvents.Json(
            "PermissionRequest",
            session,
            ("tool_name", "Bash"),
            ("tool_input", new { command, description = "Run the tests" }),
            (
                "permission_suggestions",
                suggestions
                    ? new object[]
                    {
                        new
                        {
                            type = "addRules",
                            rules = new[] { new { toolName = "Bash", ruleContent = "npm run *" } },
                            behavior = "allow",
                            destination = "localSettings",
                        },
                    }
                    : Array.Empty<object>()
            )
        );

    /// <summary>The fake menu's own question, as AskUserQuestion's tool input gives it.</summary>
    public const string MenuQuestion = "Which database should the service use?";

    public static string Question(string question = MenuQuestion, bool multiSelect = false) =>
        HookEvents.Json(
            "PermissionRequest",
            "session-1",
            ("tool_name", "AskUserQuestion"),
            (
                "tool_input",
                new
                {
                    questions = new[]
                    {
                        new
                        {
                            question,
                            header = "Database",
                            options = new[]
                            {
                                new { label = "PostgreSQL", description = "Relational, battle-tested" },
                                new { label = "SQLite", description = "Embedded, zero setup" },
                                new { label = "Redis", description = "In-memory key-value" },
                            },
                            multiSelect,
                        },
                    },
                }
            )
        );

    /// <summary>Starts dev's hook with <paramref name="stdin"/>; it may wait for a decision.</summary>
    public BackgroundHook Start(string stdin, int? decisionWait = null) => BackgroundHook.Start(stdin, Environment(DevPane, decisionWait));

    /// <summary>Runs dev's hook for an event that returns at once.</summary>
    public Task<HookProcess.Outcome> RunAsync(string stdin) => HookProcess.RunAsync(stdin, Environment(DevPane, null));

    public async Task<PermissionRequestRecord?> Pending() => (await Store.Requests.AllAsync(TestContext.Current.CancellationToken)).SingleOrDefault(r => r.IsPending);

    public async Task<PermissionRequestRecord> PendingAsync()
    {
        await Eventually.WaitAsync(async () => (await Pending()) is not null, "dev's hook to record its request");
        return (await Pending())!;
    }

    public async Task<IReadOnlyList<MessageRecord>> Inbox(string role) => (await Store.Messages.InboxAsync(RoleName.Parse(role), 100, null, TestContext.Current.CancellationToken)).Records;

    private Dictionary<string, string?> Environment(string pane, int? decisionWait) =>
        new()
        {
            ["TMUX"] = tmux.TmuxVariable,
            ["TMUX_PANE"] = pane,
            ["SESSION_BRIDGE_DIR"] = Store.Directory.Root,
            // No deliverer here: gestor's pane is no Claude Code to type into; the notice stays held for its hooks.
            ["SESSION_BRIDGE_CLI"] = "/nonexistent/session-bridge",
            ["SESSION_BRIDGE_DECISION_WAIT"] = decisionWait?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    public static JsonElement Decision(string stdout) =>
        JsonDocument.Parse(stdout).RootElement.GetProperty("hookSpecificOutput").GetProperty("decision").Clone();
}
