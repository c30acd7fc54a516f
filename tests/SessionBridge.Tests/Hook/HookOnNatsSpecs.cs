using System.Text.Json;
using SessionBridge.State;
using SessionBridge.State.Nats;

namespace SessionBridge.Tests.Hook;

/// <summary>
/// The hook as a real process on a team whose state is on NATS: at SessionStart it reads the role and briefing from
/// the team's buckets (saved from another host); at a Stop (which may end requests and tell a supervisor) of a pane that
/// nobody supervises it stays off the network, answered by the local hints.
/// </summary>
public sealed class HookOnNatsSpecs(NatsServer nats) : IClassFixture<NatsServer>, IDisposable
{
    private const string Socket = "/tmp/tmux-test/sock";
    private readonly TempDirectory _hostA = new("host-a");
    private readonly TempDirectory _hostB = new("host-b");
    private readonly string _team = "t" + Guid.NewGuid().ToString("N")[..12];

    private Dictionary<string, string?> Variables(TempDirectory folder, string host, string address) =>
        new()
        {
            ["TMUX_PANE"] = "%5",
            ["TMUX"] = Socket + ",4242,0",
            ["SESSION_BRIDGE_DIR"] = folder.Path,
            ["SESSION_BRIDGE_NATS"] = address,
            ["SESSION_BRIDGE_TEAM"] = _team,
            ["SESSION_BRIDGE_HOST"] = host,
        };

    private StateStore Open(TempDirectory folder, string host, string address)
    {
        NatsServer.SkipUnlessAvailable();
        var variables = Variables(folder, host, address);
        var store = StateStore.Open(new StateDirectory(folder.Path), TimeSpan.FromSeconds(5), TimeProvider.System, name => variables.GetValueOrDefault(name), new NatsBackend());
        store.Directory.EnsureCreated();
        return store;
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_session_starting_on_one_host_gets_the_role_and_briefing_saved_from_another()
    {
        // Arrange: host a registers dev's pane (on host b's tmux server) and saves its briefing.
        var a = Open(_hostA, "a", nats.Url);
        Open(_hostB, "b", nats.Url);
        var now = DateTimeOffset.UtcNow;
        await a.Registry.SaveAsync(new PeerRegistration("dev", "%5", Socket, 4242, 100, "/home/dev/shop", now, now), TestContext.Current.CancellationToken);
        await a.Registry.SaveAsync(new PeerRegistration("gestor", "%1", "/tmp/other/sock", 77, 78, "/home/gestor", now, now), TestContext.Current.CancellationToken);
        await a.Prompts.SaveAsync(new SavedPrompt("dev", "You are dev.\nWrite the migration.", now), TestContext.Current.CancellationToken);
        var input = HookEvents.Json("SessionStart", fields: ("source", "startup"));

        // Act
        var outcome = await HookProcess.RunAsync(input, Variables(_hostB, "b", nats.Url));

        // Assert
        var again = await HookProcess.RunAsync(input, Variables(_hostB, "b", nats.Url));
        var files = await HookProcess.RunAsync(input, new Dictionary<string, string?>(Variables(_hostB, "b", nats.Url)) { ["SESSION_BRIDGE_NATS"] = null });
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"SessionStart on NATS took {outcome.Elapsed.TotalMilliseconds:0} ms, then {again.Elapsed.TotalMilliseconds:0} ms; "
                + $"on (empty) files {files.Elapsed.TotalMilliseconds:0} ms (the process included)"
        );
        again.Stdout.Should().Be(outcome.Stdout);
        outcome.ExitCode.Should().Be(0);
        outcome.Stderr.Should().BeEmpty();
        using var json = JsonDocument.Parse(outcome.Stdout);
        var context = json.RootElement.GetProperty("hookSpecificOutput").GetProperty("additionalContext").GetString();
        context.Should().Contain("You are the \"dev\" session").And.Contain("You are dev.\nWrite the migration.").And.Contain("Your peers: gestor");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_Stop_of_an_unsupervised_pane_makes_no_call_to_NATS()
    {
        // Arrange: the address names a port where nothing listens: any call to the store would fail, and the hook
        // would say so on stderr. Supervision and requests are answered by the local hints, which do not exist.
        var nowhere = $"nats://127.0.0.1:{NatsServer.FreePort()}";
        Open(_hostB, "b", nowhere);
        var input = HookEvents.Stop("Done.");

        // Act
        var outcome = await HookProcess.RunAsync(input, Variables(_hostB, "b", nowhere));

        // Assert
        TestContext.Current.TestOutputHelper?.WriteLine($"Stop on NATS took {outcome.Elapsed.TotalMilliseconds:0} ms (process included)");
        outcome.ExitCode.Should().Be(0);
        outcome.Stdout.Should().BeEmpty();
        outcome.Stderr.Should().NotContain("NATS").And.NotContain("could not be reached");
    }

    public void Dispose()
    {
        _hostA.Dispose();
        _hostB.Dispose();
    }
}
