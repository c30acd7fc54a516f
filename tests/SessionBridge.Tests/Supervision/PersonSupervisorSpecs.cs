using System.Text.Json;
using System.Text.RegularExpressions;
using SessionBridge.Bridge;
using SessionBridge.State;
using SessionBridge.Tests.Hook;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Supervision;

/// <summary>
/// The person as supervisor (<c>supervise dev --by person</c>): dev's requests, recorded by its real hook process,
/// wait for the person's <c>respond</c> or a board's answer, no agent is told, the board shows who decides, and
/// history says the person decided (and where).
/// </summary>
public sealed class PersonSupervisorSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _home = new("home");

    private CliProcess Cli() => new(_state.Path, _home.Path, tmux);

    private async Task<SupervisionRig> SupervisedByPersonAsync()
    {
        var rig = new SupervisionRig(tmux, _state.Path);
        await rig.StartAsync(supervised: false, menu: true);
        var supervise = await Cli().RunAsync("supervise", "dev", "--by", "person");
        supervise.ExitCode.Should().Be(0, supervise.StandardOutput + supervise.StandardError);
        supervise.StandardOutput.Should().Contain("person supervises dev");
        return rig;
    }

    private async Task<IReadOnlyList<MessageRecord>> HistoryAsync() =>
        (await new StateStore(new StateDirectory(_state.Path), TimeSpan.FromSeconds(10), TimeProvider.System)
            .Messages.HistoryAsync(100, null, TestContext.Current.CancellationToken)).Records;

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_request_waits_for_the_persons_respond_no_agent_is_told_and_history_says_the_person_decided()
    {
        // Arrange
        var rig = await SupervisedByPersonAsync();
        var hook = rig.Start(SupervisionRig.PermissionRequest("npm test"), decisionWait: 300);
        var request = await rig.PendingAsync();
        var board = await Cli().RunAsync("watch", "--once", "--json");

        // Act
        var respond = await Cli().RunAsync("respond", "dev", "Yes", "--request", request.Id);
        var (stdout, _) = await hook.ExitAsync();

        // Assert
        request.Supervisor.Should().Be(RoleName.Person);
        request.NoticeId.Should().BeNull("no notice is held for anyone");
        var row = JsonDocument.Parse(board.StandardOutput).RootElement.GetProperty("peers").EnumerateArray()
            .Single(p => p.GetProperty("role").GetString() == "dev");
        row.GetProperty("supervisor").GetString().Should().Be("person");
        row.GetProperty("request").GetProperty("subject").GetString().Should().Be("npm test");
        respond.ExitCode.Should().Be(0, respond.StandardOutput + respond.StandardError);
        SupervisionRig.Decision(stdout).GetProperty("behavior").GetString().Should().Be("allow");
        File.ReadAllText(rig.MenuLog!).Should().BeEmpty("no key was pressed into dev's pane");
        var history = await HistoryAsync();
        history.Should().ContainSingle("only the decision is logged: no agent was told").Which.Should().Match<MessageRecord>(m =>
            m.From == "person" && m.To == "dev" && m.Text.Contains($"[request {request.Id}]") && m.Text.Contains("decided by person through the hook"));
        (await rig.Inbox("gestor")).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_board_lists_a_question_with_its_exact_input_and_answers_it_as_the_person_through_the_web()
    {
        // Arrange
        var rig = await SupervisedByPersonAsync();
        var hook = rig.Start(SupervisionRig.Question(), decisionWait: 300);
        await rig.PendingAsync();
        await using var bridge = new UseCases(TestBridge.Options(_state.Path, tmux));

        // Act
        var pending = await bridge.Supervising.PendingRequestsAsync(TestContext.Current.CancellationToken);
        var answered = await bridge.Menus.AnswerAsPersonAsync("dev", pending[0].Id, "SQLite", null, null, null, "web", TestContext.Current.CancellationToken);
        var (stdout, _) = await hook.ExitAsync();

        // Assert
        var shown = pending.Should().ContainSingle().Subject;
        shown.Role.Should().Be("dev");
        shown.Supervisor.Should().Be("person");
        shown.IsQuestion.Should().BeTrue();
        shown.Questions.Single().Question.Should().Be(SupervisionRig.MenuQuestion);
        shown.Options.Should().Equal("PostgreSQL", "SQLite", "Redis");
        shown.Input!.Value.GetProperty("questions")[0].GetProperty("options")[1].GetProperty("description").GetString()
            .Should().Be("Embedded, zero setup", "the input is whole, descriptions and all");
        answered.AnsweredVia.Should().Be("hook");
        answered.Decision.Should().Be("allow");
        SupervisionRig.Decision(stdout).GetProperty("updatedInput").GetProperty("answers").GetProperty(SupervisionRig.MenuQuestion).GetString()
            .Should().Be("SQLite");
        var logged = (await HistoryAsync()).Should().ContainSingle().Subject;
        logged.From.Should().Be("person");
        logged.Text.Should().Contain("decided by person through the web");
        (await bridge.Supervising.PendingRequestsAsync(TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task An_ended_session_holds_no_notice_for_the_person()
    {
        // Arrange
        var rig = await SupervisedByPersonAsync();

        // Act
        await rig.RunAsync(HookEvents.Json("SessionEnd", fields: ("reason", "prompt_input_exit")));

        // Assert
        (await HistoryAsync()).Should().BeEmpty("a notice held for the person would wait for a pane that never comes");
        (await rig.Inbox("person")).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Watch_notify_runs_for_a_request_the_person_decides_and_says_so()
    {
        // Arrange
        var rig = await SupervisedByPersonAsync();
        var calls = Path.Combine(_home.Path, "notified.txt");
        File.WriteAllText(calls, "");
        var notify = "printf '%s|%s|%s\\n' \"$SESSION_BRIDGE_ROLE\" \"$SESSION_BRIDGE_EVENT\" \"$SESSION_BRIDGE_SUPERVISOR\" >> " + calls;
        var command =
            $"cd '{_home.Path}' && SESSION_BRIDGE_DIR='{_state.Path}' HOME='{_home.Path}' NO_COLOR=1 "
            + $"'{BuiltExecutables.Server}' watch --notify \"{notify.Replace("\"", "\\\"").Replace("$", "\\$")}\"; exec sleep 86400";
        var board = await tmux.StartPaneAsync(command, width: 100, height: 30);

        // Act
        var hook = rig.Start(SupervisionRig.PermissionRequest("npm test"), decisionWait: 300);
        await rig.PendingAsync();

        // Assert
        await Eventually.WaitAsync(() => File.ReadAllLines(calls).Length > 0, "the notify command to run");
        File.ReadAllLines(calls).Should().Contain("dev|waiting|person");
        await Eventually.WaitAsync(
            async () => Regex.IsMatch(await tmux.CaptureAsync(board), "by person|person decides"),
            "the board to show that the person decides");
        hook.Terminate();
        await hook.ExitAsync();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_session_cannot_register_as_person_so_none_can_answer_as_the_person()
    {
        // Arrange
        var pane = await tmux.StartPaneAsync("sleep 86400");
        await using var session = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, pane));

        // Act
        var registered = await session.CallAsync("register", new() { ["role"] = "person" });

        // Assert
        registered.IsError.Should().BeTrue();
        registered.Text().Should().Contain("\"person\" is reserved for the person at the keyboard");
    }

    public void Dispose()
    {
        _state.Dispose();
        _home.Dispose();
    }
}
