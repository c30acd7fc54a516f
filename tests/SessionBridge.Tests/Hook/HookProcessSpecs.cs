using System.Text.Json;
using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Hook;

/// <summary>
/// The SessionStart hook as a real process with real stdin and environment: it restores the role and its
/// briefing for a registered pane, and says nothing (exit 0) whenever it cannot help.
/// </summary>
public sealed class HookProcessSpecs : IDisposable
{
    private const string Socket = "/tmp/tmux-test/sock";
    private readonly TempDirectory _state = new("state");
    private readonly StateStore _store;

    public HookProcessSpecs()
    {
        _store = new StateStore(new StateDirectory(_state.Path), TimeSpan.FromSeconds(5), TimeProvider.System);
        _store.Directory.EnsureCreated();
    }

    private static string Input(string source = "clear") =>
        JsonSerializer.Serialize(
            new Dictionary<string, string>
            {
                ["session_id"] = "abc",
                ["transcript_path"] = "/tmp/t.jsonl",
                ["cwd"] = "/home/dev/shop",
                ["hook_event_name"] = "SessionStart",
                ["source"] = source,
            }
        );

    private Dictionary<string, string?> Environment(string pane = "%5", string? tmux = Socket + ",4242,0") =>
        new() { ["TMUX_PANE"] = pane, ["TMUX"] = tmux, ["SESSION_BRIDGE_DIR"] = _state.Path };

    private async Task Register(string role, string pane, DateTimeOffset at, string socket = Socket) =>
        await _store.Registry.SaveAsync(new PeerRegistration(role, pane, socket, 4242, 100, "/home/dev/shop", at, at), TestContext.Current.CancellationToken);

    private async Task SavePrompt(string role, string prompt) => await _store.Prompts.SaveAsync(new SavedPrompt(role, prompt, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

    private static string AdditionalContext(string stdout)
    {
        using var json = JsonDocument.Parse(stdout);
        var output = json.RootElement.GetProperty("hookSpecificOutput");
        output.GetProperty("hookEventName").GetString().Should().Be("SessionStart");
        return output.GetProperty("additionalContext").GetString()!;
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_registered_pane_with_a_saved_prompt_gets_its_role_and_briefing_back()
    {
        // Arrange
        await Register("dev", "%5", DateTimeOffset.UtcNow);
        await Register("gestor", "%1", DateTimeOffset.UtcNow);
        await Register("reviewer", "%2", DateTimeOffset.UtcNow);
        await SavePrompt("dev", "You are dev.\nWrite the migration; report to gestor when done.");

        // Act
        var outcome = await HookProcess.RunAsync(Input(), Environment());

        // Assert
        outcome.ExitCode.Should().Be(0);
        outcome.Stderr.Should().BeEmpty();
        outcome.Stdout.Should().NotContain("\\u0022", "quotes are written as they are");
        var context = AdditionalContext(outcome.Stdout);
        context.Should().Contain("You are the \"dev\" session").And.Contain("after /clear");
        context.Should().Contain("You are dev.\nWrite the migration; report to gestor when done.");
        context.Should().Contain("Your peers: gestor, reviewer").And.Contain("mcp__session-bridge__send");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task When_two_roles_point_at_the_pane_the_newer_registration_wins()
    {
        // Arrange
        await Register("old-role", "%5", DateTimeOffset.UtcNow.AddMinutes(-5));
        await Register("new-role", "%5", DateTimeOffset.UtcNow);
        await SavePrompt("old-role", "OLD BRIEFING");
        await SavePrompt("new-role", "NEW BRIEFING");

        // Act
        var outcome = await HookProcess.RunAsync(Input("startup"), Environment());

        // Assert
        var context = AdditionalContext(outcome.Stdout);
        context.Should().Contain("\"new-role\"").And.Contain("NEW BRIEFING").And.NotContain("OLD BRIEFING");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_briefing_longer_than_Claude_Code_keeps_is_cut_with_a_pointer_to_get_prompt()
    {
        // Arrange
        await Register("dev", "%5", DateTimeOffset.UtcNow);
        await SavePrompt("dev", string.Concat(Enumerable.Repeat("0123456789", 3_000)) + "THE END");

        // Act
        var outcome = await HookProcess.RunAsync(Input(), Environment());

        // Assert
        var context = AdditionalContext(outcome.Stdout);
        context.Length.Should().BeLessThanOrEqualTo(10_000);
        context.Should().NotContain("THE END").And.Contain("get_prompt(role: \"dev\")").And.Contain("30,007 characters");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_pane_registered_on_another_tmux_server_is_not_this_pane()
    {
        // Arrange
        await Register("dev", "%5", DateTimeOffset.UtcNow, socket: "/tmp/tmux-other/default");
        await SavePrompt("dev", "You are dev.");

        // Act
        var outcome = await HookProcess.RunAsync(Input(), Environment());

        // Assert
        outcome.ExitCode.Should().Be(0);
        outcome.Stdout.Should().BeEmpty();
    }

    public static TheoryData<string> SilentCases() =>
        new("outside tmux", "unregistered pane", "no saved prompt", "empty stdin", "malformed stdin", "another event", "an event it does not know", "missing state directory", "corrupt registry", "corrupt prompts", "stdin left open");

    [Theory(Timeout = Timeouts.Spec)]
    [MemberData(nameof(SilentCases))]
    public async Task When_it_cannot_help_it_prints_nothing_and_exits_0(string situation)
    {
        // Arrange
        await Register("dev", "%5", DateTimeOffset.UtcNow);
        await SavePrompt("dev", "You are dev.");
        var environment = Environment();
        var stdin = Input();
        var closeStdin = true;
        switch (situation)
        {
            case "outside tmux":
                environment["TMUX_PANE"] = null;
                environment["TMUX"] = null;
                break;
            case "unregistered pane":
                environment["TMUX_PANE"] = "%77";
                break;
            case "no saved prompt":
                await _store.Prompts.DeleteAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken);
                break;
            case "empty stdin":
                stdin = "";
                break;
            case "malformed stdin":
                stdin = "{\"source\": \"clear\", oops";
                break;
            case "another event":
                stdin = stdin.Replace("SessionStart", "UserPromptSubmit", StringComparison.Ordinal);
                break;
            case "an event it does not know":
                // A newer Claude Code's event must not be read as an input with no event name, which restores.
                stdin = stdin.Replace("SessionStart", "SubagentStart", StringComparison.Ordinal);
                break;
            case "missing state directory":
                environment["SESSION_BRIDGE_DIR"] = Path.Combine(_state.Path, "nowhere");
                break;
            case "corrupt registry":
                File.WriteAllText(_store.Directory.RegistryPath, "{\"peers\": [not json");
                break;
            case "corrupt prompts":
                File.WriteAllText(_store.Directory.PromptsPath, "\0\0\0");
                break;
            case "stdin left open":
                closeStdin = false;
                break;
        }

        // Act
        var outcome = await HookProcess.RunAsync(stdin, environment, closeStdin);

        // Assert
        outcome.ExitCode.Should().Be(0, situation);
        outcome.Stdout.Should().BeEmpty(situation);
        // It never hangs: HookProcess bounds the run (a hang, not a speed figure).
    }

    public void Dispose() => _state.Dispose();
}
