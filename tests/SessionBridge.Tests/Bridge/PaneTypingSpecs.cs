using SessionBridge.Bridge;
using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Bridge;

/// <summary>The typing protocol on its own, on a real pane: no registry, no server, just a target and the text.</summary>
public sealed class PaneTypingSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    private async Task<(PaneTyping Typing, PeerRegistration Target)> TargetAsync(string pane)
    {
        var options = TestBridge.Options(_state.Path, tmux);
        options.State.EnsureCreated();
        var pids = (await tmux.DisplayAsync(pane, "#{pid} #{pane_pid}")).Split(' ');
        var target = new PeerRegistration(
            "dev",
            pane,
            tmux.Socket,
            int.Parse(pids[0], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(pids[1], System.Globalization.CultureInfo.InvariantCulture),
            null,
            DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow
        );
        return (new PaneTyping(options, new PaneTargeting(options), new ClaudeCodeCheck(options), TimeProvider.System), target);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_type_into_a_pane_without_a_registry_and_it_is_submitted_once()
    {
        // Arrange
        var (pane, log) = await tmux.StartFakeClaudeAsync();
        var (typing, target) = await TargetAsync(pane);

        // Act
        var delivery = await typing.TypeAsync(target, "line one\nline two", submit: true, force: false, TestContext.Current.CancellationToken);

        // Assert
        delivery.Status.Should().Be(DeliveryStatus.Submitted);
        delivery.Delivered.Should().BeTrue();
        PrivateTmuxServer.Submitted(log).Should().Equal("line one\nline two");
        File.Exists(Path.Combine(_state.Path, "conversation.jsonl")).Should().BeFalse("the protocol types; logging is the sender's job");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_protocol_holds_a_message_on_a_human_draft_and_types_nothing()
    {
        // Arrange
        var (pane, log) = await tmux.StartFakeClaudeAsync("--draft 'half a thought'");
        var (typing, target) = await TargetAsync(pane);

        // Act
        var delivery = await typing.TypeAsync(target, "ours", submit: true, force: false, TestContext.Current.CancellationToken);

        // Assert
        delivery.Status.Should().Be(DeliveryStatus.Held, "a draft holds the message; it used to be refused_draft");
        delivery.Delivered.Should().BeFalse();
        delivery.Reason.Should().Contain("half a thought").And.Contain("on its own").And.Contain("force:true");
        (await tmux.CaptureAsync(pane)).Should().NotContain("ours");
        PrivateTmuxServer.Submitted(log).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_target_whose_pane_was_replaced_is_not_typed_into()
    {
        // Arrange
        var (pane, received) = await tmux.StartRecorderAsync();
        var (typing, target) = await TargetAsync(pane);
        var stranger = target with { PanePid = target.PanePid + 100_000 };

        // Act
        var delivery = await typing.TypeAsync(stranger, "not for you", submit: true, force: false, TestContext.Current.CancellationToken);

        // Assert
        delivery.Status.Should().Be(DeliveryStatus.NotDelivered);
        delivery.Reason.Should().Contain("stale");
        File.ReadAllText(received).Should().BeEmpty();
    }

    public void Dispose() => _state.Dispose();
}
