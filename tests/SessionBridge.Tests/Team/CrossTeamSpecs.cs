using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Team;

/// <summary>
/// Nothing crosses teams: two teams on one machine (one state directory, one tmux server) with the same role names.
/// A send, a respond, a supervise and a wait_for reach only their own team's roles (up --force: TwoTeamsSpecs).
/// Real parts: an MCP server per team over the real tmux server.
/// </summary>
public sealed class CrossTeamSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    private Task<InProcessServer> ServerAsync(string team, string? pane = null) =>
        InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, pane) with { State = new StateDirectory(_state.Path, team) });

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_to_dev_reaches_the_senders_teams_dev_and_not_the_other_teams()
    {
        // Arrange: alpha and beta each have a dev, in panes of their own.
        var (alphaDev, alphaReceived) = await tmux.StartRecorderAsync();
        var (betaDev, betaReceived) = await tmux.StartRecorderAsync();
        await using var alpha = await ServerAsync("alpha");
        await using var beta = await ServerAsync("beta");
        (await alpha.CallAsync("register", new() { ["role"] = "dev", ["pane"] = alphaDev })).Json();
        (await beta.CallAsync("register", new() { ["role"] = "dev", ["pane"] = betaDev })).Json();

        // Act
        var sent = (await alpha.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "alpha only" })).Json();
        var alphaPeers = (await alpha.CallAsync("list_peers")).Json();
        var betaHistory = (await beta.CallAsync("history")).Json();

        // Assert
        sent.GetProperty("delivered").GetBoolean().Should().BeTrue();
        await Eventually.WaitAsync(() => File.ReadAllText(alphaReceived).Contains("alpha only", StringComparison.Ordinal), "alpha's dev to receive it");
        File.ReadAllText(betaReceived).Should().BeEmpty("beta's dev is in another team");
        alphaPeers.GetProperty("peers").EnumerateArray().Select(p => (p.GetProperty("role").GetString(), p.GetProperty("pane").GetString(), p.GetProperty("team").GetString()))
            .Should().Equal(("dev", alphaDev, "alpha"));
        betaHistory.GetProperty("messages").GetArrayLength().Should().Be(0);
        betaHistory.GetProperty("team").GetString().Should().Be("beta");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_role_of_another_team_is_not_registered_for_send_respond_or_wait_for_and_a_supervise_stays_in_its_team()
    {
        // Arrange: reviewer is alpha's; beta's gestor asks for it.
        var reviewer = await tmux.StartPaneAsync("sleep 86400");
        var betaGestor = await tmux.StartPaneAsync("sleep 86400");
        await using var alpha = await ServerAsync("alpha");
        await using var beta = await ServerAsync("beta", betaGestor);
        (await alpha.CallAsync("register", new() { ["role"] = "reviewer", ["pane"] = reviewer })).Json();
        (await beta.CallAsync("register", new() { ["role"] = "gestor" })).Json();

        // Act
        var send = await beta.CallAsync("send", new() { ["to"] = "reviewer", ["from"] = "gestor", ["text"] = "hello" });
        var respond = await beta.CallAsync("respond", new() { ["role"] = "reviewer", ["keys"] = new[] { "Escape" } });
        var supervise = await beta.CallAsync("supervise", new() { ["roles"] = new[] { "reviewer" } });
        var wait = await beta.CallAsync("wait_for", new() { ["role"] = "reviewer", ["until"] = "idle", ["timeout_s"] = 1 });

        // Assert
        foreach (var result in new[] { send, respond, wait })
            result.Text().Should().Contain("\"reviewer\" is not registered", "reviewer is alpha's");
        // A role may be supervised before it starts (up does so): beta's gestor now supervises beta's reviewer-to-be.
        supervise.Json().GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("reviewer");
        (await new StateStore(new StateDirectory(_state.Path, "alpha"), TimeSpan.FromSeconds(10), TimeProvider.System).Supervision
            .AnyAsync(TestContext.Current.CancellationToken)).Should().BeFalse("beta cannot supervise alpha's reviewer");
        (await new StateStore(new StateDirectory(_state.Path, "beta"), TimeSpan.FromSeconds(10), TimeProvider.System).Supervision
            .FindAsync(RoleName.Parse("reviewer"), TestContext.Current.CancellationToken))!.Supervisor.Should().Be("gestor");
        (await alpha.CallAsync("history")).Json().GetProperty("messages").GetArrayLength().Should().Be(0);
    }

    public void Dispose() => _state.Dispose();
}
