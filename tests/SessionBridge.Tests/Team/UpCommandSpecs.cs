using System.Text.Json;
using CliWrap.Buffered;
using SessionBridge.State;

namespace SessionBridge.Tests.Team;

/// <summary>
/// <c>session-bridge up</c> and <c>down</c> as a person runs them: the program, in the folder of a team file, on
/// the tmux server the shell runs inside; a bad team file or a missing claude starts nothing.
/// </summary>
public sealed class UpCommandSpecs(PrivateTmuxServer tmux) : TeamRig(tmux)
{
    private CliProcess Cli => new(StateDir.Path, TeamFolder.Path, Tmux);

    private async Task WriteTeamFileAsync(string? command = null) =>
        await File.WriteAllTextAsync(
            Path.Combine(TeamFolder.Path, "session-bridge.json"),
            $$"""
            {
              // the spec's team, with the fake Claude Code
              "name": "{{TeamName}}",
              "command": "{{command ?? await FakeClaudeAsync()}}",
              "env": { "FAKE_CLAUDE_DIR": "{{ClaudeHome.Path}}", "FAKE_CLAUDE_HOOK": "{{BuiltExecutables.Hook}}" },
              "roles": {
                "gestor": { "briefing": "You coordinate." },
                "dev": { "briefing": "You write the code.", "model": "sonnet" },
                "reviewer": { "briefing": "You review." },
              },
            }
            """,
            TestContext.Current.CancellationToken
        );

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_start_the_team_of_the_file_here_see_it_in_peers_and_stop_it_with_down()
    {
        // Arrange
        await WriteTeamFileAsync();

        // Act
        var up = await Cli.RunAsync("up", "--json", "--timeout", "40");
        var peers = await Cli.RunAsync("peers", "--json");
        var down = await Cli.RunAsync("down", "--json");
        var after = await Cli.RunAsync("peers", "--json");

        // Assert
        up.ExitCode.Should().Be(0, up.StandardOutput + up.StandardError);
        var result = JsonDocument.Parse(up.StandardOutput).RootElement;
        result.GetProperty("session").GetString().Should().Be(TeamName);
        result.GetProperty("attach").GetString().Should().Be($"tmux switch-client -t {TeamName}", "up ran inside tmux: attaching there would nest");
        result.GetProperty("roles").EnumerateArray().Select(r => (r.GetProperty("role").GetString(), r.GetProperty("action").GetString(), r.GetProperty("state").GetString()))
            .Should().Equal(("gestor", "started", "idle"), ("dev", "started", "idle"), ("reviewer", "started", "idle"));
        var notes = result.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
        notes.Should().Contain(n => n.Contains("session-bridge-hook is not wired"));
        notes.Should().Contain(n => n.Contains("mcp__session-bridge is not in permissions.allow") && n.Contains("install --allow-tools"));
        notes.Should().Contain(n => n.Contains("session-bridge is not registered with Claude Code") && n.Contains("claude mcp add"));
        JsonDocument.Parse(peers.StandardOutput).RootElement.GetProperty("peers").EnumerateArray()
            .Select(p => (p.GetProperty("role").GetString(), p.GetProperty("status").GetString(), p.GetProperty("state").GetString()))
            .Should().Equal(("dev", "alive", "idle"), ("gestor", "alive", "idle"), ("reviewer", "alive", "idle"));
        down.ExitCode.Should().Be(0, down.StandardOutput + down.StandardError);
        JsonDocument.Parse(down.StandardOutput).RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("action").GetString())
            .Should().AllBe("exited");
        JsonDocument.Parse(after.StandardOutput).RootElement.GetProperty("peers").EnumerateArray().Select(p => p.GetProperty("state").GetString())
            .Should().AllBe("stopped");
        var team = new StateStore(new StateDirectory(StateDir.Path, TeamName), TimeSpan.FromSeconds(10), TimeProvider.System);
        (await team.Prompts.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken))!.Prompt
            .Should().Be("You write the code.", "the team's briefings are kept in its namespace");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_read_what_up_did_as_a_table_with_the_attach_line()
    {
        // Arrange
        await WriteTeamFileAsync();

        // Act
        var up = await Cli.RunAsync("up");

        // Assert
        up.ExitCode.Should().Be(0, up.StandardOutput + up.StandardError);
        up.StandardOutput.Should().Contain("session id").And.Contain("started").And.Contain($"attach: tmux switch-client -t {TeamName}");
        up.StandardError.Should().Contain("dev: starting in pane").And.Contain($"Starting team {TeamName} (3 roles)");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_team_file_with_an_unknown_key_is_an_error_naming_the_line_and_nothing_is_started()
    {
        // Arrange
        await File.WriteAllTextAsync(Path.Combine(TeamFolder.Path, "session-bridge.json"), "{\n  \"name\": \"x\",\n  \"rolez\": {}\n}\n", TestContext.Current.CancellationToken);

        // Act
        var up = await Cli.RunAsync("up");

        // Assert
        up.ExitCode.Should().Be(1);
        up.StandardOutput.Should().Contain("session-bridge.json").And.Contain("line 3").And.Contain("rolez");
        (await PanesAsync()).Should().BeEmpty();
        File.Exists(Path.Combine(StateDir.Path, "registry.json")).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_claude_that_is_not_on_PATH_is_an_error_and_nothing_is_started()
    {
        // Arrange
        await WriteTeamFileAsync(command: "claude-not-installed-here");

        // Act
        var up = await Cli.RunAsync("up", "--json");

        // Assert
        up.ExitCode.Should().Be(1);
        JsonDocument.Parse(up.StandardOutput).RootElement.GetProperty("error").GetProperty("message").GetString()
            .Should().Contain("claude-not-installed-here is not on PATH").And.Contain("Nothing was started");
        (await PanesAsync()).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Without_tmux_up_is_a_clear_error_and_nothing_is_started()
    {
        // Arrange: a PATH with neither tmux nor claude on it.
        using var empty = new TempDirectory("path");

        // Act
        var up = await CliWrap.Cli.Wrap(BuiltExecutables.Server)
            .WithArguments(["up", "--json"])
            .WithWorkingDirectory(TeamFolder.Path)
            .WithValidation(CliWrap.CommandResultValidation.None)
            .WithEnvironmentVariables(env => env.Set("PATH", empty.Path).Set("SESSION_BRIDGE_DIR", StateDir.Path).Set("HOME", TeamFolder.Path).Set("TMUX", null))
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);

        // Assert
        up.ExitCode.Should().Be(1);
        JsonDocument.Parse(up.StandardOutput).RootElement.GetProperty("error").GetProperty("message").GetString()
            .Should().Be("tmux is not installed or not on PATH. Install it (apt-get install tmux, brew install tmux). Nothing was started.");
        Directory.Exists(StateDir.Path).Should().BeTrue();
        Directory.EnumerateFileSystemEntries(StateDir.Path).Should().BeEmpty("nothing was started or recorded");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_write_a_starter_team_file_with_init()
    {
        // Act
        var init = await Cli.RunAsync("up", "--init");
        var again = await Cli.RunAsync("up", "--init");

        // Assert
        init.ExitCode.Should().Be(0, init.StandardOutput);
        File.ReadAllText(Path.Combine(TeamFolder.Path, "session-bridge.json")).Should().Contain("\"gestor\"").And.Contain("\"reviewer\"");
        again.ExitCode.Should().Be(1);
        again.StandardOutput.Should().Contain("exists already");
        (await PanesAsync()).Should().BeEmpty();
    }
}
