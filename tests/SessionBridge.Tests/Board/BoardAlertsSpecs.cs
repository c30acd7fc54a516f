using SessionBridge.Bridge;
using SessionBridge.Held;
using SessionBridge.Server.Cli.Board;

namespace SessionBridge.Tests.Board;

/// <summary>Which snapshots call for a person: each change of state once, never on every refresh.</summary>
public sealed class BoardAlertsSpecs
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static BoardSnapshot Snapshot(int second, params BoardPeer[] peers) =>
        new(Start.AddSeconds(second), "/state", true, peers, [], []);

    private static BoardPeer Peer(string role, ListedState state, int since, string? question = null) =>
        new(role, "%1", PaneStatus.Alive, state, StateSource.Screen, Start.AddSeconds(since), null, question, null, 0, 0, null, null, null);

    [Fact]
    public void A_peer_that_comes_to_a_menu_alerts_once_while_it_stays_there()
    {
        var alerts = new BoardAlerts(TimeSpan.FromSeconds(60));

        var idle = alerts.Next(Snapshot(0, Peer("dev", ListedState.Idle, 0)));
        var menu = alerts.Next(Snapshot(2, Peer("dev", ListedState.WaitingSelect, 2, "Which database?")));
        var still = alerts.Next(Snapshot(4, Peer("dev", ListedState.WaitingSelect, 2, "Which database?")));

        idle.Should().BeEmpty();
        menu.Should().ContainSingle().Which.Should().Be(new BoardAlert(AlertKind.Waiting, "dev", "%1", ListedState.WaitingSelect, "Which database?"));
        still.Should().BeEmpty();
    }

    [Fact]
    public void Each_new_wait_alerts_again_and_busy_does_not()
    {
        var alerts = new BoardAlerts(TimeSpan.FromSeconds(60));

        var first = alerts.Next(Snapshot(0, Peer("dev", ListedState.WaitingText, 0, "Shall I go on?")));
        var busy = alerts.Next(Snapshot(2, Peer("dev", ListedState.Busy, 2)));
        var second = alerts.Next(Snapshot(4, Peer("dev", ListedState.WaitingSelect, 4)));

        first.Should().ContainSingle().Which.State.Should().Be(ListedState.WaitingText);
        busy.Should().BeEmpty();
        second.Should().ContainSingle().Which.State.Should().Be(ListedState.WaitingSelect);
    }

    [Fact]
    public void A_held_message_alerts_once_when_it_has_been_held_long_enough()
    {
        var alerts = new BoardAlerts(TimeSpan.FromSeconds(30));
        var held = Peer("dev", ListedState.Busy, 0) with { Held = 1 };
        held = held with { HeldMessages = [new HeldMessage("abc123", "dev", "ops", Start)] };

        var early = alerts.Next(Snapshot(10, held));
        var due = alerts.Next(Snapshot(31, held));
        var later = alerts.Next(Snapshot(40, held));

        early.Should().BeEmpty();
        due.Should().ContainSingle().Which.Should().Be(new BoardAlert(AlertKind.Held, "dev", "%1", ListedState.Busy, null, "abc123"));
        later.Should().BeEmpty();
    }

    [Fact]
    public void A_registry_that_cannot_be_read_for_a_moment_does_not_alert_again()
    {
        var alerts = new BoardAlerts(TimeSpan.FromSeconds(60));
        var waiting = Peer("dev", ListedState.WaitingSelect, 0);

        alerts.Next(Snapshot(0, waiting));
        alerts.Next(new BoardSnapshot(Start.AddSeconds(2), "/state", true, [], [], ["registry.json is corrupt"]));
        var back = alerts.Next(Snapshot(4, waiting));

        back.Should().BeEmpty();
    }
}
