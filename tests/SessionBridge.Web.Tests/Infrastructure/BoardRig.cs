using System.Net.Http.Json;
using System.Text.Json;

namespace SessionBridge.Web.Tests.Infrastructure;

/// <summary>
/// A team on a private tmux server and a temp state directory, set up with the real command line (register,
/// supervise), its roles' hooks run as real processes, and the board over it.
/// </summary>
public sealed class BoardRig(PrivateTmuxServer tmux) : IDisposable
{
    private readonly TempDirectory _state = new("web");
    private readonly TempDirectory _home = new("home");
    private readonly List<BackgroundHook> _hooks = [];

    public PrivateTmuxServer Tmux => tmux;

    public string State => _state.Combine("state");

    public string Home => _home.Path;

    public CliProcess Cli => new(State, Home, tmux);

    public async Task RunAsync(params string[] arguments)
    {
        var result = await Cli.RunAsync(arguments);
        result.ExitCode.Should().Be(0, $"session-bridge {string.Join(' ', arguments)}: {result.StandardOutput}{result.StandardError}");
    }

    public Task RegisterAsync(string role, string pane) => RunAsync("register", role, "--pane", pane);

    public Task<BoardProcess> BoardAsync(params string[] more) => BoardProcess.StartAsync(State, Home, more);

    /// <summary>Starts <paramref name="pane"/>'s hook with <paramref name="stdin"/>, as Claude Code runs it there.</summary>
    public BackgroundHook Hook(string pane, string stdin)
    {
        var hook = BackgroundHook.Start(stdin, new Dictionary<string, string?>
        {
            ["TMUX"] = tmux.TmuxVariable,
            ["TMUX_PANE"] = pane,
            ["SESSION_BRIDGE_DIR"] = State,
            // No deliverer: the supervisor's notice stays held, nothing is typed into its pane.
            ["SESSION_BRIDGE_CLI"] = "/nonexistent/session-bridge",
            ["SESSION_BRIDGE_NATS"] = null,
        });
        _hooks.Add(hook);
        return hook;
    }

    public static string Permission(string command, bool suggestions = true) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["hook_event_name"] = "PermissionRequest",
            ["session_id"] = "session-1",
            ["tool_name"] = "Bash",
            ["tool_input"] = new { command, description = "Run it" },
            ["permission_suggestions"] = suggestions
                ? new object[] { new { type = "addRules", rules = new[] { new { toolName = "Bash", ruleContent = "npm run *" } }, behavior = "allow", destination = "localSettings" } }
                : Array.Empty<object>(),
        });

    public const string MenuQuestion = "Which database should the service use?";

    /// <summary>AskUserQuestion with the fake menu's own question and options.</summary>
    public static string Question() =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["hook_event_name"] = "PermissionRequest",
            ["session_id"] = "session-1",
            ["tool_name"] = "AskUserQuestion",
            ["tool_input"] = new
            {
                questions = new[]
                {
                    new
                    {
                        question = MenuQuestion,
                        header = "Database",
                        options = new[]
                        {
                            new { label = "PostgreSQL", description = "Relational, battle-tested" },
                            new { label = "SQLite", description = "Embedded, zero setup" },
                            new { label = "Redis", description = "In-memory key-value" },
                        },
                        multiSelect = false,
                    },
                },
            },
        });

    /// <summary>The decision a PermissionRequest hook printed.</summary>
    public static JsonElement Decision(string stdout) =>
        JsonDocument.Parse(stdout).RootElement.GetProperty("hookSpecificOutput").GetProperty("decision").Clone();

    /// <summary>The board's pending requests, once there is one.</summary>
    public static async Task<JsonElement> PendingAsync(BoardProcess board)
    {
        using var client = board.Client();
        return await Eventually.ReadAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>("/api/team", TestContext.Current.CancellationToken)).GetProperty("requests").Clone(),
            requests => requests.GetArrayLength() > 0,
            "the board to list the hook's request"
        );
    }

    public void Dispose()
    {
        foreach (var hook in _hooks)
            hook.Dispose();
        _state.Dispose();
        _home.Dispose();
    }
}
