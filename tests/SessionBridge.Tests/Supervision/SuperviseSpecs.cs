using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Supervision;

/// <summary>Who supervises whom: the supervise tool (as the caller's own role), the command line, list_peers and peers.</summary>
public sealed class SuperviseSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _home = new("home");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_supervise_roles_as_my_own_role_and_list_peers_shows_it()
    {
        // Arrange
        var (devPane, _) = await tmux.StartRecorderAsync();
        var gestorPane = await tmux.StartPaneAsync("sleep 86400");
        await using var gestor = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, gestorPane));
        await gestor.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane });
        await gestor.CallAsync("register", new() { ["role"] = "gestor" });

        // Act
        var result = (await gestor.CallAsync("supervise", new() { ["roles"] = new[] { "dev" } })).Json();
        var peers = (await gestor.CallAsync("list_peers")).Json();

        // Assert
        result.GetProperty("supervisor").GetString().Should().Be("gestor");
        result.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("dev");
        var rows = peers.GetProperty("peers").EnumerateArray().ToDictionary(p => p.GetProperty("role").GetString()!);
        rows["dev"].GetProperty("supervisor").GetString().Should().Be("gestor");
        rows["gestor"].TryGetProperty("supervisor", out _).Should().BeFalse("nobody supervises gestor");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_new_supervisor_replaces_the_earlier_one_and_says_so()
    {
        // Arrange
        var (devPane, _) = await tmux.StartRecorderAsync();
        var gestorPane = await tmux.StartPaneAsync("sleep 86400");
        var leadPane = await tmux.StartPaneAsync("sleep 86400");
        await using var gestor = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, gestorPane));
        await using var lead = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, leadPane));
        await gestor.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane });
        await gestor.CallAsync("register", new() { ["role"] = "gestor" });
        await lead.CallAsync("register", new() { ["role"] = "lead" });
        (await gestor.CallAsync("supervise", new() { ["roles"] = new[] { "dev" } })).Json();

        // Act
        var result = (await lead.CallAsync("supervise", new() { ["roles"] = new[] { "dev" } })).Json();
        var peers = (await lead.CallAsync("list_peers")).Json();

        // Assert
        result.GetProperty("replaced").GetProperty("dev").GetString().Should().Be("gestor");
        peers.GetProperty("peers").EnumerateArray().Single(p => p.GetProperty("role").GetString() == "dev")
            .GetProperty("supervisor").GetString().Should().Be("lead");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Stop_ends_only_my_own_supervision()
    {
        // Arrange
        var (devPane, _) = await tmux.StartRecorderAsync();
        var (reviewerPane, _) = await tmux.StartRecorderAsync();
        var gestorPane = await tmux.StartPaneAsync("sleep 86400");
        var leadPane = await tmux.StartPaneAsync("sleep 86400");
        await using var gestor = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, gestorPane));
        await using var lead = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, leadPane));
        await gestor.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane });
        await gestor.CallAsync("register", new() { ["role"] = "reviewer", ["pane"] = reviewerPane });
        await gestor.CallAsync("register", new() { ["role"] = "gestor" });
        await lead.CallAsync("register", new() { ["role"] = "lead" });
        (await gestor.CallAsync("supervise", new() { ["roles"] = new[] { "dev" } })).Json();
        (await lead.CallAsync("supervise", new() { ["roles"] = new[] { "reviewer" } })).Json();

        // Act
        var stopped = (await gestor.CallAsync("supervise", new() { ["roles"] = new[] { "dev", "reviewer" }, ["stop"] = true })).Json();
        var peers = (await gestor.CallAsync("list_peers")).Json();

        // Assert
        stopped.GetProperty("stopped").GetBoolean().Should().BeTrue();
        stopped.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("dev");
        var rows = peers.GetProperty("peers").EnumerateArray().ToDictionary(p => p.GetProperty("role").GetString()!);
        rows["dev"].TryGetProperty("supervisor", out _).Should().BeFalse();
        rows["reviewer"].GetProperty("supervisor").GetString().Should().Be("lead", "gestor's stop does not end lead's supervision");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_session_without_a_role_or_signing_as_another_cannot_supervise()
    {
        // Arrange
        var (devPane, _) = await tmux.StartRecorderAsync();
        var gestorPane = await tmux.StartPaneAsync("sleep 86400");
        var strangerPane = await tmux.StartPaneAsync("sleep 86400");
        await using var gestor = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, gestorPane));
        await using var stranger = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, strangerPane));
        await gestor.CallAsync("register", new() { ["role"] = "dev", ["pane"] = devPane });
        await gestor.CallAsync("register", new() { ["role"] = "gestor" });

        // Act
        var roleless = await stranger.CallAsync("supervise", new() { ["roles"] = new[] { "dev" } });
        var forged = await gestor.CallAsync("supervise", new() { ["roles"] = new[] { "dev" }, ["by"] = "dev" });
        var itself = await gestor.CallAsync("supervise", new() { ["roles"] = new[] { "gestor" } });

        // Assert
        roleless.IsError.Should().BeTrue();
        roleless.Text().Should().Contain("no role").And.Contain("register");
        forged.IsError.Should().BeTrue();
        forged.Text().Should().Contain("'by' \"dev\" is not a role of this session");
        itself.IsError.Should().BeTrue();
        itself.Text().Should().Contain("cannot supervise itself");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_person_sets_and_stops_supervision_with_the_command_line_and_peers_shows_it()
    {
        // Arrange
        var (devPane, _) = await tmux.StartRecorderAsync();
        var cli = new CliProcess(_state.Path, _home.Path, tmux);
        (await cli.RunAsync("register", "dev", "--pane", devPane)).ExitCode.Should().Be(0);

        // Act
        var set = await cli.RunAsync("supervise", "dev", "--by", "gestor");
        var shown = await cli.RunAsync("peers", "--json");
        var table = await cli.RunAsync("peers");
        var stop = await cli.RunAsync("supervise", "dev", "--stop", "--json");
        var after = await cli.RunAsync("peers", "--json");
        var neither = await cli.RunAsync("supervise", "dev");

        // Assert
        set.ExitCode.Should().Be(0, set.StandardOutput + set.StandardError);
        set.StandardOutput.Should().Contain("gestor supervises dev");
        shown.StandardOutput.Should().Contain("\"supervisor\": \"gestor\"");
        table.StandardOutput.Should().Contain("supervisor").And.Contain("gestor");
        stop.StandardOutput.Should().Contain("\"stopped\": true");
        after.StandardOutput.Should().NotContain("\"supervisor\"");
        neither.ExitCode.Should().NotBe(0);
    }

    public void Dispose()
    {
        _state.Dispose();
        _home.Dispose();
    }
}
