using System.Text.Json;

namespace SessionBridge.Tests.Supervision;

/// <summary>detect_question and the board show a supervised peer's pending request as Claude Code gave its hook, cleaned and cut.</summary>
public sealed class PendingRequestViewSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _home = new("home");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Detect_question_shows_the_pending_questions_and_options_as_the_hook_got_them()
    {
        // Arrange
        var rig = new SupervisionRig(tmux, _state.Path);
        await rig.StartAsync(menu: true);
        await using var gestor = await InProcessServer.StartAsync(Infrastructure.TestBridge.Options(_state.Path, tmux, rig.GestorPane));
        var hook = rig.Start(SupervisionRig.Question(multiSelect: true), decisionWait: 300);
        var request = await rig.PendingAsync();

        // Act
        var reading = (await gestor.CallAsync("detect_question", new() { ["role"] = "dev" })).Json();
        hook.Terminate();
        await hook.ExitAsync();

        // Assert
        var pending = reading.GetProperty("request");
        pending.GetProperty("id").GetString().Should().Be(request.Id);
        pending.GetProperty("tool").GetString().Should().Be("AskUserQuestion");
        pending.GetProperty("supervisor").GetString().Should().Be("gestor");
        var question = pending.GetProperty("questions")[0];
        question.GetProperty("question").GetString().Should().Be(SupervisionRig.MenuQuestion);
        question.GetProperty("multiSelect").GetBoolean().Should().BeTrue();
        question.GetProperty("options").EnumerateArray().Select(o => o.GetString()).Should().Equal("PostgreSQL", "SQLite", "Redis");
        reading.GetProperty("state").GetString().Should().Be("waiting_select", "the screen stays the check");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_huge_command_with_control_characters_is_shown_cut_and_clean_on_detect_question_and_the_board()
    {
        // Arrange
        var rig = new SupervisionRig(tmux, _state.Path);
        await rig.StartAsync(menu: true);
        await using var gestor = await InProcessServer.StartAsync(Infrastructure.TestBridge.Options(_state.Path, tmux, rig.GestorPane));
        var command = "echo \u001b[2J\u001b]0;owned\u0007 && " + new string('x', 20_000);
        // The hook waits far longer than the reads take, even on a loaded machine: with a 5 s wait the request had
        // sometimes timed out before the board's process looked (seen once under load 34), so the board showed none.
        var hook = rig.Start(SupervisionRig.PermissionRequest(command), decisionWait: 300);
        var request = await rig.PendingAsync();

        // Act
        var reading = (await gestor.CallAsync("detect_question", new() { ["role"] = "dev" })).Json();
        var board = await new CliProcess(_state.Path, _home.Path, tmux).RunAsync("watch", "--once", "--json");
        hook.Terminate();
        await hook.ExitAsync();

        // Assert
        request.ToolInput!.Value.GetProperty("command").GetString().Should().Be(command, "recorded exactly as Claude Code gave it");
        var subject = reading.GetProperty("request").GetProperty("subject").GetString()!;
        subject.Should().StartWith("echo ").And.Contain("[cut: ").And.NotContain("\u001b").And.NotContain("\u0007");
        subject.Length.Should().BeLessThan(600);
        var row = JsonDocument.Parse(board.StandardOutput).RootElement.GetProperty("peers").EnumerateArray()
            .Single(p => p.GetProperty("role").GetString() == "dev");
        row.GetProperty("request").GetProperty("subject").GetString().Should().Be(subject);
        row.GetProperty("supervisor").GetString().Should().Be("gestor");
        var notice = (await rig.Inbox("gestor")).Single();
        notice.Text.Should().NotContain("\u001b").And.Contain("[cut: ");
    }

    public void Dispose()
    {
        _state.Dispose();
        _home.Dispose();
    }
}
