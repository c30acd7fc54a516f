using System.Text.Json;
using SessionBridge.Held;
using SessionBridge.State;
using SessionBridge.Supervision;
using SessionBridge.Tests.Hook;

namespace SessionBridge.Tests.Supervision;

/// <summary>
/// A supervised peer's PermissionRequest hook, run as Claude Code runs it: it records the request as Claude Code gave
/// it, tells the supervisor once (held), waits for a decision and prints it; every request ends exactly once.
/// </summary>
public sealed class PermissionRequestHookSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    private SupervisionRig Rig() => new(tmux, _state.Path);

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_supervised_peers_request_is_recorded_as_given_and_its_supervisor_told_once()
    {
        // Arrange
        var rig = Rig();
        await rig.StartAsync();

        // Act
        var hook = rig.Start(SupervisionRig.PermissionRequest("npm test"));
        var request = await rig.PendingAsync();
        await Eventually.WaitAsync(async () => (await rig.Inbox("gestor")).Count > 0, "the notice to reach gestor's inbox");
        await new PermissionRequests(rig.Store).DecideAsync(request.Id, "gestor", new RequestDecision(true, "Yes"), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        var (stdout, _) = await hook.ExitAsync();

        // Assert
        request.Role.Should().Be("dev");
        request.Supervisor.Should().Be("gestor");
        request.ToolName.Should().Be("Bash");
        request.SessionId.Should().Be("session-1");
        request.ToolInput!.Value.GetProperty("command").GetString().Should().Be("npm test");
        request.PermissionSuggestions!.Value.GetRawText().Should().Contain("\"ruleContent\":\"npm run *\"");
        var notice = (await rig.Inbox("gestor")).Should().ContainSingle().Subject;
        notice.From.Should().Be("dev");
        notice.Status.Should().Be(DeliveryStatus.Held, "never typed into the supervisor's pane by the hook");
        notice.Text.Should().Contain(request.Id).And.Contain("Bash npm test").And.Contain("respond(role: \"dev\"");
        (await new HeldQueue(rig.Store).ForAsync(RoleName.Parse("gestor"), TestContext.Current.CancellationToken)).Should().ContainSingle(m => m.Id == notice.Id);
        SupervisionRig.Decision(stdout).GetProperty("behavior").GetString().Should().Be("allow");
        JsonDocument.Parse(stdout).RootElement.GetProperty("hookSpecificOutput").GetProperty("hookEventName").GetString()
            .Should().Be("PermissionRequest");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_deny_prints_its_message_and_an_allow_for_dont_ask_again_carries_the_requests_own_suggestions()
    {
        // Arrange
        var rig = Rig();
        await rig.StartAsync();
        var requests = new PermissionRequests(rig.Store);

        // Act
        var denied = rig.Start(SupervisionRig.PermissionRequest("rm -rf build"));
        var first = await rig.PendingAsync();
        await requests.DecideAsync(first.Id, "gestor", new RequestDecision(false, "No", "Do not delete the build; run make clean."), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        var (deny, _) = await denied.ExitAsync();
        var always = rig.Start(SupervisionRig.PermissionRequest("npm run lint"));
        var second = await rig.PendingAsync();
        await requests.DecideAsync(second.Id, "gestor", new RequestDecision(true, RequestSummary.DontAskAgain, UpdatedPermissions: second.PermissionSuggestions), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        var (allow, _) = await always.ExitAsync();

        // Assert
        SupervisionRig.Decision(deny).GetProperty("behavior").GetString().Should().Be("deny");
        SupervisionRig.Decision(deny).GetProperty("message").GetString().Should().Be("Do not delete the build; run make clean.");
        var permissions = SupervisionRig.Decision(allow).GetProperty("updatedPermissions");
        permissions.GetRawText().Should().Be(second.PermissionSuggestions!.Value.GetRawText(), "passed on exactly as Claude Code gave them");
        permissions[0].GetProperty("destination").GetString().Should().Be("localSettings");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task An_unsupervised_peers_request_returns_at_once_with_nothing_recorded()
    {
        // Arrange
        var rig = Rig();
        await rig.StartAsync(supervised: false);

        // Act
        var outcome = await rig.RunAsync(SupervisionRig.PermissionRequest());

        // Assert: it returned within HookProcess's bound on a hang, where a waiting hook waits 600 s.
        outcome.ExitCode.Should().Be(0);
        outcome.Stdout.Should().BeEmpty();
        (await rig.Store.Requests.AllAsync(TestContext.Current.CancellationToken)).Should().BeEmpty();
        (await rig.Inbox("gestor")).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_peers_next_event_ends_the_request_as_answered_on_screen_and_the_waiting_hook_prints_nothing()
    {
        // Arrange
        var rig = Rig();
        await rig.StartAsync();
        var hook = rig.Start(SupervisionRig.PermissionRequest());
        var request = await rig.PendingAsync();

        // Act: the person chose on screen; the tool ran, so Claude Code fires PostToolUse.
        await rig.RunAsync(HookEvents.Tool("PostToolUse", "Bash"));
        var (stdout, _) = await hook.ExitAsync();
        var late = await new PermissionRequests(rig.Store).DecideAsync(request.Id, "gestor", new RequestDecision(true, "Yes"), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        late.Won.Should().BeFalse();

        // Assert
        stdout.Should().BeEmpty();
        late.Request!.Status.Should().Be(RequestStatus.AnsweredOnScreen, "a late decision finds the request ended: it is stale");
        late.Request.EndedBy.Should().Be(PermissionRequests.ByScreen);
        (await rig.Store.Messages.HistoryAsync(100, null, TestContext.Current.CancellationToken)).Records.Should().ContainSingle(m => m.Text.Contains(request.Id) && m.Text.Contains("answered on the screen"));
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Another_sessions_event_does_not_end_the_request()
    {
        // Arrange
        var rig = Rig();
        await rig.StartAsync();
        var hook = rig.Start(SupervisionRig.PermissionRequest(session: "session-1"));
        var request = await rig.PendingAsync();

        // Act
        await rig.RunAsync(HookEvents.Stop("done", session: "session-2"));
        var still = await rig.Store.Requests.FindAsync(request.Id, TestContext.Current.CancellationToken);
        await new PermissionRequests(rig.Store).DecideAsync(request.Id, "gestor", new RequestDecision(true, "Yes"), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        var (stdout, _) = await hook.ExitAsync();

        // Assert
        still!.Status.Should().Be(RequestStatus.Pending);
        SupervisionRig.Decision(stdout).GetProperty("behavior").GetString().Should().Be("allow");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_request_nobody_decides_ends_as_a_timeout_after_the_configured_wait()
    {
        // Arrange
        var rig = Rig();
        await rig.StartAsync();

        // Act
        var hook = rig.Start(SupervisionRig.PermissionRequest(), decisionWait: 2);
        var request = await rig.PendingAsync();
        var (stdout, elapsed) = await hook.ExitAsync(TimeSpan.FromSeconds(60));

        // Assert: at least the 2 s given; not the default 600 s, which the 60 s bound on a hang above rules out.
        stdout.Should().BeEmpty("no decision: the dialog stays for the person");
        elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(1.9));
        var ended = (await rig.Store.Requests.FindAsync(request.Id, TestContext.Current.CancellationToken))!;
        ended.Status.Should().Be(RequestStatus.TimedOut);
        ended.EndedBy.Should().Be(PermissionRequests.ByTimeout);
        (await rig.Store.Messages.HistoryAsync(100, null, TestContext.Current.CancellationToken)).Records.Should().ContainSingle(m => m.Text.Contains(request.Id) && m.Text.Contains("timeout"));
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_hook_killed_while_waiting_leaves_no_pending_request()
    {
        // Arrange
        var rig = Rig();
        await rig.StartAsync();
        var hook = rig.Start(SupervisionRig.PermissionRequest());
        var request = await rig.PendingAsync();

        // Act
        hook.Terminate();
        await hook.ExitAsync();

        // Assert
        (await rig.Store.Requests.FindAsync(request.Id, TestContext.Current.CancellationToken))!.Status.Should().Be(RequestStatus.TimedOut);
        (await new PermissionRequests(rig.Store).PendingForAsync(RoleName.Parse("dev"), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_request_left_pending_past_its_wait_is_ended_as_a_timeout_when_read()
    {
        // Arrange: a hook killed with SIGKILL could not end its request.
        var rig = Rig();
        await rig.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var peer = (await rig.Store.Registry.FindAsync(RoleName.Parse("dev"), TestContext.Current.CancellationToken))!;
        var left = (await new PermissionRequests(rig.Store).OpenAsync(MessageId.New(), peer, "session-1", "Bash", "{\"command\":\"ls\"}", null, TimeSpan.FromSeconds(5), now - TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken))!;

        // Act
        var pending = await new PermissionRequests(rig.Store).PendingForAsync(RoleName.Parse("dev"), now, TestContext.Current.CancellationToken);

        // Assert
        pending.Should().BeEmpty();
        (await rig.Store.Requests.FindAsync(left.Id, TestContext.Current.CancellationToken))!.Status.Should().Be(RequestStatus.TimedOut);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Two_deciders_racing_on_one_request_one_wins_and_the_other_finds_it_ended()
    {
        // Arrange
        var rig = Rig();
        await rig.StartAsync();
        var hook = rig.Start(SupervisionRig.PermissionRequest());
        var request = await rig.PendingAsync();
        var requests = new PermissionRequests(rig.Store);

        // Act
        var results = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(n => Task.Run(() =>
                requests.DecideAsync(request.Id, n % 2 == 0 ? "gestor" : "lead", new RequestDecision(n % 2 == 0, $"choice {n}"), DateTimeOffset.UtcNow, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken))
        );
        var (stdout, _) = await hook.ExitAsync();

        // Assert
        var final = (await rig.Store.Requests.FindAsync(request.Id, TestContext.Current.CancellationToken))!;
        results.Count(r => r.Won).Should().Be(1);
        results.Should().OnlyContain(r => r.Request!.Decision!.Label == final.Decision!.Label, "every racer sees the one decision that won");
        SupervisionRig.Decision(stdout).GetProperty("behavior").GetString().Should().Be(final.Decision!.Allow ? "allow" : "deny");
        (await rig.Store.Messages.HistoryAsync(100, null, TestContext.Current.CancellationToken)).Records.Count(m => m.Text.Contains(request.Id) && m.Text.Contains("decided by")).Should().Be(1);
    }

    public void Dispose() => _state.Dispose();
}
