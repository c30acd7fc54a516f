using System.Text.Json;
using SessionBridge.State;
using SessionBridge.Tests.Hook;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Supervision;

/// <summary>
/// respond on a supervised peer's pending request: decided through the peer's own PermissionRequest hook (a real
/// process waiting, as Claude Code runs it), no key pressed into its pane (a fake menu that logs every key); stale
/// when the request had already ended.
/// </summary>
public sealed class RespondThroughHookSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    private async Task<(SupervisionRig Rig, InProcessServer Gestor)> StartAsync()
    {
        var rig = new SupervisionRig(tmux, _state.Path);
        await rig.StartAsync(menu: true);
        var gestor = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, rig.GestorPane));
        return (rig, gestor);
    }

    private static string Keys(SupervisionRig rig) => File.ReadAllText(rig.MenuLog!);

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_supervisor_allows_a_permission_with_Yes_through_the_hook_and_no_key_is_pressed()
    {
        // Arrange
        var (rig, gestor) = await StartAsync();
        await using var server = gestor;
        var hook = rig.Start(SupervisionRig.PermissionRequest("npm test"));
        var request = await rig.PendingAsync();

        // Act
        var result = (await gestor.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "Yes" })).Json();
        var (stdout, _) = await hook.ExitAsync();

        // Assert
        result.GetProperty("answeredVia").GetString().Should().Be("hook");
        result.GetProperty("status").GetString().Should().Be("answered");
        result.GetProperty("decision").GetString().Should().Be("allow");
        result.GetProperty("request").GetString().Should().Be(request.Id);
        result.GetProperty("sent").GetBoolean().Should().BeTrue();
        result.GetProperty("keys").GetArrayLength().Should().Be(0);
        SupervisionRig.Decision(stdout).GetProperty("behavior").GetString().Should().Be("allow");
        SupervisionRig.Decision(stdout).TryGetProperty("updatedPermissions", out _).Should().BeFalse("plain Yes keeps no rule");
        Keys(rig).Should().BeEmpty("no key was pressed into dev's pane");
        var logged = (await rig.Store.Messages.HistoryAsync(100, null, TestContext.Current.CancellationToken)).Records.Single(m => m.Text.Contains($"[request {request.Id}]"));
        logged.From.Should().Be("gestor");
        logged.Text.Should().Contain("allowed").And.Contain("decided by gestor");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_No_with_a_reason_denies_with_that_reason_and_dont_ask_again_keeps_the_suggested_rule()
    {
        // Arrange
        var (rig, gestor) = await StartAsync();
        await using var server = gestor;

        // Act
        var denied = rig.Start(SupervisionRig.PermissionRequest("rm -rf build"));
        await rig.PendingAsync();
        var no = (await gestor.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "No", ["reason"] = "Use make clean instead." })).Json();
        var (deny, _) = await denied.ExitAsync();
        var kept = rig.Start(SupervisionRig.PermissionRequest("npm run lint"));
        var request = await rig.PendingAsync();
        var always = (await gestor.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "don't ask again" })).Json();
        var (allow, _) = await kept.ExitAsync();

        // Assert
        no.GetProperty("decision").GetString().Should().Be("deny");
        SupervisionRig.Decision(deny).GetProperty("behavior").GetString().Should().Be("deny");
        SupervisionRig.Decision(deny).GetProperty("message").GetString().Should().Be("Use make clean instead.");
        always.GetProperty("option").GetString().Should().Be("Yes, and don't ask again");
        SupervisionRig.Decision(allow).GetProperty("updatedPermissions").GetRawText()
            .Should().Be(request.PermissionSuggestions!.Value.GetRawText());
        Keys(rig).Should().BeEmpty();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_question_is_answered_with_an_option_label_as_updatedInput_answers()
    {
        // Arrange
        var (rig, gestor) = await StartAsync();
        await using var server = gestor;
        var hook = rig.Start(SupervisionRig.Question());
        await rig.PendingAsync();

        // Act
        var result = (await gestor.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "sqlite" })).Json();
        var (stdout, _) = await hook.ExitAsync();

        // Assert
        result.GetProperty("option").GetString().Should().Be("SQLite");
        var decision = SupervisionRig.Decision(stdout);
        decision.GetProperty("behavior").GetString().Should().Be("allow");
        var input = decision.GetProperty("updatedInput");
        input.GetProperty("answers").GetProperty(SupervisionRig.MenuQuestion).GetString().Should().Be("SQLite");
        input.GetProperty("questions")[0].GetProperty("options").GetArrayLength().Should().Be(3, "the questions go back as Claude Code gave them");
        Keys(rig).Should().BeEmpty();
    }

    [Theory(Timeout = Timeouts.Spec)]
    [InlineData("options", "PostgreSQL, Redis")]
    [InlineData("text", "DuckDB, embedded")]
    public async Task A_question_takes_several_labels_or_free_text(string argument, string answer)
    {
        // Arrange
        var (rig, gestor) = await StartAsync();
        await using var server = gestor;
        var hook = rig.Start(SupervisionRig.Question(multiSelect: argument == "options"));
        await rig.PendingAsync();
        object value = argument == "options" ? new[] { "PostgreSQL", "redis" } : answer;

        // Act
        (await gestor.CallAsync("respond", new() { ["role"] = "dev", [argument] = value })).Json();
        var (stdout, _) = await hook.ExitAsync();

        // Assert
        SupervisionRig.Decision(stdout).GetProperty("updatedInput").GetProperty("answers")
            .GetProperty(SupervisionRig.MenuQuestion).GetString().Should().Be(answer);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_request_answered_on_screen_first_makes_a_later_respond_stale_and_nothing_is_pressed()
    {
        // Arrange
        var (rig, gestor) = await StartAsync();
        await using var server = gestor;
        var hook = rig.Start(SupervisionRig.PermissionRequest());
        var request = await rig.PendingAsync();
        await rig.RunAsync(HookEvents.Tool("PostToolUse", "Bash"));
        var (stdout, _) = await hook.ExitAsync();

        // Act
        var byId = (await gestor.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "Yes", ["request"] = request.Id })).Json();
        var withoutId = (await gestor.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "SQLite" })).Json();

        // Assert
        stdout.Should().BeEmpty();
        foreach (var stale in new[] { byId, withoutId })
        {
            stale.GetProperty("status").GetString().Should().Be("stale");
            stale.GetProperty("sent").GetBoolean().Should().BeFalse();
            stale.GetProperty("request").GetString().Should().Be(request.Id);
            stale.GetProperty("reason").GetString().Should().Contain("answered on the peer's screen");
        }

        Keys(rig).Should().BeEmpty("a respond within a minute of the end answers the question it was told about: no keys");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_dialog_gone_from_the_screen_without_a_hook_an_Escape_ends_the_request_and_respond_is_stale()
    {
        // Arrange: the person closes the menu; Claude Code fires no hook for that.
        var (rig, gestor) = await StartAsync();
        await using var server = gestor;
        var hook = rig.Start(SupervisionRig.Question());
        var request = await rig.PendingAsync();
        await tmux.Tmux("send-keys", "-t", rig.DevPane, "Enter");
        await Eventually.WaitAsync(async () => !(await tmux.CaptureAsync(rig.DevPane)).Contains("Enter to select"), "the menu to close");

        // Act
        var result = (await gestor.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "SQLite" })).Json();
        var (stdout, _) = await hook.ExitAsync();

        // Assert
        result.GetProperty("status").GetString().Should().Be("stale");
        (await rig.Store.Requests.FindAsync(request.Id, TestContext.Current.CancellationToken))!.Status.Should().Be(RequestStatus.AnsweredOnScreen);
        stdout.Should().BeEmpty();
        PrivateTmuxServer.Submitted(rig.MenuLog!).Should().Equal(["PostgreSQL"], "only the person's Enter went in");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Only_the_supervisor_answers_through_the_hook_but_a_person_without_a_role_can()
    {
        // Arrange
        var (rig, gestor) = await StartAsync();
        await using var server = gestor;
        var leadPane = await tmux.StartPaneAsync("sleep 86400");
        await using var lead = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, leadPane));
        await lead.CallAsync("register", new() { ["role"] = "lead" });
        await using var person = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        var hook = rig.Start(SupervisionRig.PermissionRequest());
        var request = await rig.PendingAsync();

        // Act
        var refused = await lead.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "Yes" });
        var stillPending = (await rig.Store.Requests.FindAsync(request.Id, TestContext.Current.CancellationToken))!.IsPending;
        var answered = (await person.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "No", ["reason"] = "Not today." })).Json();
        var (stdout, _) = await hook.ExitAsync();

        // Assert
        refused.IsError.Should().BeTrue();
        refused.Text().Should().Contain("supervised by gestor");
        stillPending.Should().BeTrue();
        answered.GetProperty("answeredVia").GetString().Should().Be("hook");
        SupervisionRig.Decision(stdout).GetProperty("message").GetString().Should().Be("Not today.");
        (await rig.Store.Requests.FindAsync(request.Id, TestContext.Current.CancellationToken))!.EndedBy.Should().Be("person");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Two_answers_racing_on_one_request_one_decides_and_the_other_is_stale()
    {
        // Arrange
        var (rig, gestor) = await StartAsync();
        await using var server = gestor;
        await using var second = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, rig.GestorPane));
        var hook = rig.Start(SupervisionRig.PermissionRequest());
        await rig.PendingAsync();

        // Act
        var results = await Task.WhenAll(
            gestor.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "Yes" }),
            second.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "No" })
        );
        var (stdout, _) = await hook.ExitAsync();

        // Assert
        var statuses = results.Select(r => r.Json().GetProperty("status").GetString()).ToList();
        statuses.Should().BeEquivalentTo(["answered", "stale"]);
        var winner = results.Select(r => r.Json()).Single(r => r.GetProperty("status").GetString() == "answered");
        SupervisionRig.Decision(stdout).GetProperty("behavior").GetString().Should().Be(winner.GetProperty("decision").GetString());
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Without_a_request_respond_still_presses_keys_and_says_so()
    {
        // Arrange
        var (rig, gestor) = await StartAsync();
        await using var server = gestor;

        // Act
        var result = (await gestor.CallAsync("respond", new() { ["role"] = "dev", ["option"] = "SQLite" })).Json();

        // Assert
        result.GetProperty("answeredVia").GetString().Should().Be("keys");
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(rig.MenuLog!).Length > 0, "the fake menu to take the answer");
        PrivateTmuxServer.Submitted(rig.MenuLog!).Should().Equal("SQLite");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_person_answers_a_request_with_the_command_line()
    {
        // Arrange
        var (rig, gestor) = await StartAsync();
        await using var server = gestor;
        using var home = new TempDirectory("home");
        var hook = rig.Start(SupervisionRig.PermissionRequest());
        var request = await rig.PendingAsync();

        // Act
        var result = await new CliProcess(_state.Path, home.Path, tmux).RunAsync("respond", "dev", "No", "--reason", "Wait for the review.", "--request", request.Id);
        var (stdout, _) = await hook.ExitAsync();

        // Assert
        result.ExitCode.Should().Be(0, result.StandardOutput + result.StandardError);
        result.StandardOutput.Should().Contain("answered dev: No (through its hook: deny)", "the option chosen, then how");
        SupervisionRig.Decision(stdout).GetProperty("message").GetString().Should().Be("Wait for the review.");
    }

    public void Dispose() => _state.Dispose();
}
