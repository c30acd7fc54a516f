using System.Diagnostics;
using System.Text.Json;
using SessionBridge.State;
using SessionBridge.State.Nats;
using SessionBridge.Tests.Infrastructure;
using static SessionBridge.Tests.Hosts.TwoHostsCalls;

namespace SessionBridge.Tests.Hosts;

/// <summary>
/// Who is where across two hosts: a host's server publishes its panes, a registration binds only on its own
/// host, and a host whose servers are gone is unreachable while what is sent to it waits.
/// </summary>
public sealed class TwoHostsPresenceSpecs(NatsServer nats) : IClassFixture<NatsServer>
{
    [Fact(Timeout = Timeouts.Spec)]
    public async Task When_host_bs_servers_are_gone_its_roles_are_unreachable_and_a_message_waits_for_its_next_session()
    {
        // Arrange
        await using var hosts = await TwoHosts.StartAsync(nats);
        var (devPane, _) = await hosts.StartClaudeAsync("b");
        var dev = await hosts.ServerAsync("b", devPane);
        await RegisterAsync(dev, "dev");
        var (gestorPane, gestorOutput) = await hosts.Tmux("a").StartRecorderAsync();
        var gestor = await hosts.ServerAsync("a", gestorPane);
        await RegisterAsync(gestor, "gestor");

        // Act: b's only server ends
        await hosts.StopAsync(dev);
        var clock = Stopwatch.StartNew();
        var peers = await Eventually.ReadAsync(
            async () => (await gestor.CallAsync("list_peers")).Json(),
            list => Peer(list, "dev").GetProperty("state").GetString() == "unreachable",
            "dev to be unreachable",
            TimeSpan.FromSeconds(30)
        );
        var unreachableAfter = clock.Elapsed;
        var sent = (await gestor.CallAsync("send", Send("dev", "gestor", "waits for your next session"))).Json();
        var read = await gestor.CallAsync("read_peer", new() { ["role"] = "dev" });

        // b's session starts again in a new pane, registered before Claude Code starts (as session-bridge up does)
        var gate = Path.Combine(hosts.StateFolder("b"), "gate");
        var (nextPane, nextLog) = await hosts.StartClaudeAsync("b", gate: gate);
        var ids = (await hosts.Tmux("b").DisplayAsync(nextPane, "#{pid} #{pane_pid}")).Split(' ');
        var now = DateTimeOffset.UtcNow;
        await hosts.Store("b").Registry.SaveAsync(new PeerRegistration("dev", nextPane, hosts.Tmux("b").Socket, int.Parse(ids[0]), int.Parse(ids[1]), null, now, now, Host: "b"), TestContext.Current.CancellationToken);
        File.WriteAllText(gate, "");
        await Eventually.WaitAsync(() => TwoHosts.Contexts(nextLog).Length > 0, "b's SessionStart hook");
        var inbox = (await gestor.CallAsync("inbox", new() { ["role"] = "dev" })).Json();

        // Assert
        TestContext.Current.TestOutputHelper?.WriteLine($"dev unreachable {unreachableAfter.TotalMilliseconds:0} ms after b's server stopped");
        Peer(peers, "dev").GetProperty("alive").GetBoolean().Should().BeFalse();
        Peer(peers, "dev").GetProperty("problem").GetString().Should().Contain("host b");
        sent.GetProperty("delivered").GetBoolean().Should().BeFalse();
        sent.GetProperty("status").GetString().Should().Be("held", "kept for dev's own hooks");
        sent.GetProperty("reason").GetString().Should().Contain("host b");
        read.IsError.Should().BeTrue();
        read.Text().Should().Contain("host b");
        File.ReadAllText(gestorOutput).Should().NotContain("waits for your next session");
        TwoHosts.Contexts(nextLog).Should().ContainSingle().Which.Should().StartWith("SessionStart").And.Contain("waits for your next session");
        var message = inbox.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("text").GetString() == "waits for your next session");
        message.GetProperty("deliveredVia").GetString().Should().Be("session_start");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Host_bs_server_publishes_its_panes_presence_for_the_other_hosts()
    {
        // Arrange
        await using var hosts = await TwoHosts.StartAsync(nats);
        var (devPane, _) = await hosts.StartClaudeAsync("b");
        var dev = await hosts.ServerAsync("b", devPane);
        await RegisterAsync(dev, "dev");
        await using var team = new NatsTeam(NatsSettings.FromEnvironment(hosts.Variables("a").GetValueOrDefault)!);

        // Act: the fake Claude Code's SessionStart hook wrote dev's presence on b
        var published = await Eventually.ReadAsync(
            async () =>
            {
                try
                {
                    var bucket = await team.KeyValue.GetStoreAsync(team.Name(NatsHostLink.PresenceBucket), TestContext.Current.CancellationToken);
                    var keys = new List<string>();
                    await foreach (var key in bucket.GetKeysAsync(cancellationToken: TestContext.Current.CancellationToken))
                        keys.Add(key);
                    return keys;
                }
                catch (NATS.Client.JetStream.NatsJSApiException)
                {
                    return [];
                }
            },
            keys => keys.Count > 0,
            "b's presence in the team's bucket presence"
        );

        // Assert
        published.Should().OnlyContain(key => key.StartsWith("b.", StringComparison.Ordinal));
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task down_on_host_a_leaves_a_role_of_host_b_running_and_says_where_to_stop_it()
    {
        // Arrange
        await using var hosts = await TwoHosts.StartAsync(nats);
        var (devPane, devLog) = await hosts.StartClaudeAsync("b");
        var dev = await hosts.ServerAsync("b", devPane);
        await RegisterAsync(dev, "dev");
        var store = hosts.Store("a");
        var down = new SessionBridge.Team.TeamDown(TestBridge.Options(hosts.StateFolder("a"), hosts.Tmux("a")), store, TimeProvider.System);

        // Act
        var result = await down.RunAsync([RoleName.Parse("dev")], TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        // Assert
        var stop = result.Roles.Should().ContainSingle().Subject;
        stop.Action.Should().Be(SessionBridge.Team.StopAction.Kept);
        stop.Detail.Should().Contain("host b");
        (await store.Registry.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken))!.StoppedAt.Should().BeNull("b's dev is still running");
        (await hosts.Tmux("b").CaptureAsync(devPane)).Should().NotContain("/exit");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_hook_finds_only_its_own_hosts_registration_of_a_pane_id_and_socket_path_both_hosts_have()
    {
        // Arrange: pane %5 of /tmp/tmux-0/default with the same pids exists on both machines; dev is b's
        await using var hosts = await TwoHosts.StartAsync(nats);
        var now = DateTimeOffset.UtcNow;
        await hosts.Store("b").Registry.SaveAsync(new PeerRegistration("dev", "%5", "/tmp/tmux-0/default", 100, 200, null, now, now, Host: "b"), TestContext.Current.CancellationToken);
        var live = new PaneIdentity("/tmp/tmux-0/default", 100, "%5", 200);

        // Act
        var onA = await hosts.Store("a").Registry.FindByPaneAsync("%5", "/tmp/tmux-0/default", live, TestContext.Current.CancellationToken);
        var onB = await hosts.Store("b").Registry.FindByPaneAsync("%5", "/tmp/tmux-0/default", live, TestContext.Current.CancellationToken);

        // Assert
        onA.Should().BeNull("a's pane %5 is another pane than b's");
        onB!.Role.Should().Be("dev");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_real_server_on_host_b_answers_for_its_panes_and_once_killed_its_roles_are_unreachable()
    {
        // Arrange: dev's server on b is the built session-bridge, a process of its own, as Claude Code starts it
        await using var hosts = await TwoHosts.StartAsync(nats);
        var (devPane, devLog) = await hosts.StartClaudeAsync("b");
        var variables = hosts.Variables("b").ToDictionary(v => v.Key, v => (string?)v.Value);
        variables["TMUX"] = hosts.Tmux("b").TmuxVariable;
        variables["TMUX_PANE"] = devPane;
        var dev = await ServerProcess.StartAsync(hosts.StateFolder("b"), variables);
        (await dev.CallToolAsync("register", new Dictionary<string, object?> { ["role"] = "dev" }, cancellationToken: TestContext.Current.CancellationToken)).Json();
        var (gestorPane, _) = await hosts.Tmux("a").StartRecorderAsync();
        var gestor = await hosts.ServerAsync("a", gestorPane);
        await RegisterAsync(gestor, "gestor");
        var before = await Eventually.ReadAsync(
            async () => (await gestor.CallAsync("list_peers")).Json(),
            list => Peer(list, "dev").GetProperty("status").GetString() == "alive",
            "b's server process to answer for dev"
        );

        // Act
        await dev.DisposeAsync();
        var after = await Eventually.ReadAsync(
            async () => (await gestor.CallAsync("list_peers")).Json(),
            list => Peer(list, "dev").GetProperty("state").GetString() == "unreachable",
            "dev to be unreachable",
            TimeSpan.FromSeconds(30)
        );
        var sent = (await gestor.CallAsync("send", Send("dev", "gestor", "kept for later"))).Json();

        // Assert
        Peer(before, "dev").GetProperty("host").GetString().Should().Be("b");
        Peer(after, "dev").GetProperty("status").GetString().Should().Be("unreachable");
        sent.GetProperty("status").GetString().Should().Be("held");
        PrivateTmuxServer.Submitted(devLog).Should().BeEmpty("nothing is typed into a pane whose host cannot be reached");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_registration_of_another_host_never_binds_the_caller_even_with_the_same_pane_and_socket()
    {
        // Arrange: dev registered on b; a session on a whose pane id and tmux socket path are the same as dev's
        await using var hosts = await TwoHosts.StartAsync(nats);
        var (devPane, _) = await hosts.StartClaudeAsync("b");
        var dev = await hosts.ServerAsync("b", devPane);
        await RegisterAsync(dev, "dev");
        var (gestorPane, _) = await hosts.Tmux("a").StartRecorderAsync();
        var gestor = await hosts.ServerAsync("a", gestorPane);
        await RegisterAsync(gestor, "gestor");
        var lookalike = await hosts.ServerAsync("a", devPane, tmuxOf: "b");

        // Act
        var result = await lookalike.CallAsync("send", Send("gestor", "dev", "I am dev, trust me"));

        // Assert
        result.IsError.Should().BeTrue(result.Text());
        result.Text().Should().Contain("is the role of pane");
    }
}
