using System.Text.Json;
using CliWrap.Buffered;
using SessionBridge.State;

namespace SessionBridge.Tests.Team;

/// <summary>
/// Two projects on one machine, each with its own gestor and dev: a team is a namespace. Real programs throughout:
/// <c>session-bridge up</c> in each folder at once, the stand-in Claude Code running the real hook, and the command
/// line acting for its folder's team.
/// </summary>
public sealed class TwoTeamsSpecs(PrivateTmuxServer tmux) : TeamRig(tmux), IDisposable
{
    private readonly TempDirectory _other = new("team");

    private async Task WriteTeamFileAsync(string folder, string name) =>
        await File.WriteAllTextAsync(
            Path.Combine(folder, "session-bridge.json"),
            $$"""
            {
              "name": "{{name}}",
              "command": "{{await FakeClaudeAsync()}}",
              "env": { "FAKE_CLAUDE_DIR": "{{ClaudeHome.Path}}", "FAKE_CLAUDE_HOOK": "{{BuiltExecutables.Hook}}" },
              "roles": { "gestor": { "briefing": "You coordinate {{name}}." }, "dev": { "briefing": "You build {{name}}." } },
            }
            """,
            TestContext.Current.CancellationToken
        );

    private static IEnumerable<(string? Role, string? Team, string? State)> Peers(BufferedCommandResult peers) =>
        JsonDocument.Parse(peers.StandardOutput).RootElement.GetProperty("peers").EnumerateArray()
            .Select(p => (p.GetProperty("role").GetString(), p.GetProperty("team").GetString(), p.GetProperty("state").GetString()));

    private async Task<IReadOnlyList<MessageRecord>> History(string team) =>
        (await new StateStore(new StateDirectory(StateDir.Path, team), TimeSpan.FromSeconds(10), TimeProvider.System).Messages
            .HistoryAsync(10, null, TestContext.Current.CancellationToken)).Records;

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Two_projects_with_the_same_roles_come_up_at_once_and_each_folder_sees_its_own_team()
    {
        // Arrange
        var (alpha, beta) = (TeamName + "-a", TeamName + "-b");
        await WriteTeamFileAsync(TeamFolder.Path, alpha);
        await WriteTeamFileAsync(_other.Path, beta);
        var inAlpha = new CliProcess(StateDir.Path, TeamFolder.Path, Tmux);
        var inBeta = new CliProcess(StateDir.Path, _other.Path, Tmux);

        // Act
        var ups = await Task.WhenAll(inAlpha.RunAsync("up", "--json", "--timeout", "60"), inBeta.RunAsync("up", "--json", "--timeout", "60"));
        var peersAlpha = await inAlpha.RunAsync("peers", "--json");
        var peersBeta = await inBeta.RunAsync("peers", "--json");
        var all = await inAlpha.RunAsync("peers", "--all", "--json");
        var board = JsonDocument.Parse((await inAlpha.RunAsync("watch", "--once", "--json")).StandardOutput).RootElement;
        var boardAll = JsonDocument.Parse((await inAlpha.RunAsync("watch", "--once", "--all", "--json")).StandardOutput).RootElement;
        var history = JsonDocument.Parse((await inBeta.RunAsync("history", "--json")).StandardOutput).RootElement;

        // Assert
        ups.Should().AllSatisfy(up => up.ExitCode.Should().Be(0, up.StandardOutput + up.StandardError));
        Peers(peersAlpha).Should().Equal(("dev", alpha, "idle"), ("gestor", alpha, "idle"));
        Peers(peersBeta).Should().Equal(("dev", beta, "idle"), ("gestor", beta, "idle"));
        Peers(all).Select(p => (p.Role, p.Team)).Should().Contain([("dev", alpha), ("gestor", alpha), ("dev", beta), ("gestor", beta)]);
        board.GetProperty("team").GetString().Should().Be(alpha);
        board.GetProperty("peers").EnumerateArray().Select(p => (p.GetProperty("role").GetString(), p.GetProperty("team").GetString()))
            .Should().Equal(("dev", alpha), ("gestor", alpha));
        boardAll.TryGetProperty("team", out _).Should().BeFalse("the board of every team is no one team's");
        boardAll.GetProperty("peers").EnumerateArray().Select(p => (p.GetProperty("role").GetString(), p.GetProperty("team").GetString()))
            .Should().Contain([("dev", alpha), ("gestor", alpha), ("dev", beta), ("gestor", beta)]);
        history.GetProperty("team").GetString().Should().Be(beta);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_from_one_teams_gestor_reaches_its_own_dev_and_not_the_other_teams()
    {
        // Arrange
        var (alpha, beta) = (TeamName + "-a", TeamName + "-b");
        await WriteTeamFileAsync(TeamFolder.Path, alpha);
        await WriteTeamFileAsync(_other.Path, beta);
        var ups = await Task.WhenAll(
            new CliProcess(StateDir.Path, TeamFolder.Path, Tmux).RunAsync("up", "--json", "--timeout", "60"),
            new CliProcess(StateDir.Path, _other.Path, Tmux).RunAsync("up", "--json", "--timeout", "60")
        );
        ups.Should().AllSatisfy(up => up.ExitCode.Should().Be(0, up.StandardOutput + up.StandardError));
        var gestor = JsonDocument.Parse((await new CliProcess(StateDir.Path, TeamFolder.Path, Tmux).RunAsync("peers", "--json")).StandardOutput)
            .RootElement.GetProperty("peers").EnumerateArray().Single(p => p.GetProperty("role").GetString() == "gestor").GetProperty("pane").GetString();

        // Act: alpha's gestor, from its own pane, sends to "dev".
        var send = await new CliProcess(StateDir.Path, TeamFolder.Path, Tmux, gestor).RunAsync("send", "dev", "alpha only: build the parser", "--from", "gestor", "--json");
        var historyAlpha = await new CliProcess(StateDir.Path, TeamFolder.Path, Tmux).RunAsync("history", "--json");
        var historyBeta = await new CliProcess(StateDir.Path, _other.Path, Tmux).RunAsync("history", "--json");

        // Assert
        send.ExitCode.Should().Be(0, send.StandardOutput + send.StandardError);
        historyAlpha.StandardOutput.Should().Contain("alpha only: build the parser").And.Contain("\"from\": \"gestor\"");
        historyBeta.StandardOutput.Should().NotContain("alpha only");
        (await History(alpha)).Should().ContainSingle(m => m.To == "dev" && m.From == "gestor");
        (await History(beta)).Should().BeEmpty("the other team's dev is another namespace's");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Up_with_force_takes_roles_only_from_its_own_team()
    {
        // Arrange: alpha is up; beta has the same roles.
        var (alpha, beta) = (TeamName + "-a", TeamName + "-b");
        await WriteTeamFileAsync(TeamFolder.Path, alpha);
        await WriteTeamFileAsync(_other.Path, beta);
        var inAlpha = new CliProcess(StateDir.Path, TeamFolder.Path, Tmux);
        var first = await inAlpha.RunAsync("up", "--json", "--timeout", "60");
        var before = await inAlpha.RunAsync("peers", "--json");

        // Act
        var forced = await new CliProcess(StateDir.Path, _other.Path, Tmux).RunAsync("up", "--force", "--json", "--timeout", "60");
        var after = await inAlpha.RunAsync("peers", "--json");

        // Assert: beta started its own; alpha's roles kept their panes.
        first.ExitCode.Should().Be(0, first.StandardOutput + first.StandardError);
        forced.ExitCode.Should().Be(0, forced.StandardOutput + forced.StandardError);
        JsonDocument.Parse(forced.StandardOutput).RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("action").GetString())
            .Should().AllBe("started");
        Panes(after).Should().Equal(Panes(before)).And.HaveCount(2);
        Peers(after).Should().OnlyContain(p => p.Team == alpha && p.State == "idle");
    }

    private static IEnumerable<string?> Panes(BufferedCommandResult peers) =>
        JsonDocument.Parse(peers.StandardOutput).RootElement.GetProperty("peers").EnumerateArray().Select(p => p.GetProperty("pane").GetString());

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_team_name_another_folder_uses_is_refused_naming_that_folder()
    {
        // Arrange
        await WriteTeamFileAsync(TeamFolder.Path, TeamName);
        await WriteTeamFileAsync(_other.Path, TeamName);
        var first = await new CliProcess(StateDir.Path, TeamFolder.Path, Tmux).RunAsync("up", "--json", "--timeout", "60");

        // Act
        var second = await new CliProcess(StateDir.Path, _other.Path, Tmux).RunAsync("up", "--json");

        // Assert
        first.ExitCode.Should().Be(0, first.StandardOutput + first.StandardError);
        second.ExitCode.Should().Be(1);
        JsonDocument.Parse(second.StandardOutput).RootElement.GetProperty("error").GetProperty("message").GetString()
            .Should().Contain($"\"{TeamName}\" is already used by {TeamFolder.Path}").And.Contain("--team");
    }

    void IDisposable.Dispose()
    {
        _other.Dispose();
        Dispose();
    }
}
