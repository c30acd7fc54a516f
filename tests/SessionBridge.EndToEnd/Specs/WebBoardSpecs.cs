using System.Text.Json;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;
using static SessionBridge.EndToEnd.Specs.ToolJson;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>
/// The web board (<c>session-bridge web</c>) over real Claude Code sessions, driven through its JSON API as a script
/// (and the page) drives it: dev's requests listed with exactly what Claude Code asked, answered by the person
/// through dev's own PermissionRequest hook, and a message sent to dev as <c>person</c>.
/// </summary>
public sealed class WebBoardSpecs(ClaudeInstallation claude)
{
    private const string Marker = "web-marker.txt";

    private static async Task<(ClaudeWorld World, ClaudeSession Gestor, ClaudeSession Dev)> StartSupervisedAsync(ClaudeInstallation claude, string by)
    {
        var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        var supervise = await world.Bridge().RunAsync("supervise", "dev", "--by", by);
        supervise.ExitCode.Should().Be(0, supervise.StandardOutput + supervise.StandardError);
        return (world, gestor, dev);
    }

    private static void AskForBash(ClaudeSession dev) =>
        dev.Model.Enqueue(Turn.Call("Bash", new { command = $"touch {Marker}", description = "Create the marker file" }), Turn.Reply("Marker step over."));

    private static async Task<bool> NoRequestsAsync(WebBoard board) => (await board.TeamAsync()).GetProperty("requests").GetArrayLength() == 0;

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Devs_Bash_request_shows_its_command_on_the_board_and_Yes_there_runs_it_through_devs_hook()
    {
        // Arrange: dev in default mode, supervised by gestor, asks to run a Bash command.
        var (world, gestor, dev) = await StartSupervisedAsync(claude, "gestor");
        await using var _ = world;
        await using var board = await WebBoard.StartAsync(world);
        AskForBash(dev);
        gestor.Model.Enqueue(Turn.Reply("Noted."));
        await dev.TypeAsync("Create the marker file.");
        var request = await board.PendingAsync("dev");
        var id = request.GetProperty("id").GetString()!;

        // Act
        var (status, responded) = await board.PostAsync("/api/respond", new { role = "dev", request = id, option = "Yes" });

        // Assert: the request as Claude Code asked it, and the answer through the hook with no key pressed.
        request.GetProperty("tool").GetString().Should().Be("Bash", request.ToString());
        request.GetProperty("input").GetProperty("command").GetString().Should().Be($"touch {Marker}");
        request.GetProperty("options").EnumerateArray().Select(o => o.GetString()).Should().Contain(["Yes", "No"]);
        status.Should().Be(200, responded.ToString());
        responded.GetProperty("answeredVia").GetString().Should().Be("hook", responded.ToString());
        responded.GetProperty("decision").GetString().Should().Be("allow");
        responded.GetProperty("keys").GetArrayLength().Should().Be(0);
        await Eventually.WaitAsync(() => File.Exists(Path.Combine(dev.Directory, Marker)), "the command to run", TimeSpan.FromSeconds(30));
        await dev.WaitForScreenAsync(s => s.Contains("Marker step over.", StringComparison.Ordinal), "dev going on");
        (await dev.ScreenAsync()).Should().Contain("PermissionRequest hook");
        await Eventually.WaitAsync(() => NoRequestsAsync(board), "the answered request to leave the board");

        // And gestor, told of it, answers too late: with no request id, its respond is stale and presses nothing.
        var late = await world.Bridge(gestor.Pane).RunAsync("respond", "dev", "Yes", "--json");
        Parse(late.StandardOutput).GetProperty("status").GetString().Should().Be("stale", late.StandardOutput + late.StandardError);
        (await world.Bridge().RunAsync("history")).StandardOutput.Should().Contain("decided by person through the web");
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task No_with_a_reason_on_the_board_reaches_devs_model_and_the_command_does_not_run()
    {
        // Arrange
        var (world, gestor, dev) = await StartSupervisedAsync(claude, "gestor");
        await using var _ = world;
        await using var board = await WebBoard.StartAsync(world);
        AskForBash(dev);
        gestor.Model.Enqueue(Turn.Reply("Noted."));
        await dev.TypeAsync("Create the marker file.");
        var id = (await board.PendingAsync("dev")).GetProperty("id").GetString()!;
        const string reason = "Use the Makefile's marker target instead.";

        // Act
        var (status, responded) = await board.PostAsync("/api/respond", new { role = "dev", request = id, option = "No", reason });
        var result = await dev.WaitForToolResultAsync("Bash");

        // Assert
        status.Should().Be(200, responded.ToString());
        responded.GetProperty("decision").GetString().Should().Be("deny", responded.ToString());
        result.Should().Contain(reason);
        await dev.WaitForScreenAsync(s => s.Contains("Marker step over.", StringComparison.Ordinal), "dev going on");
        File.Exists(Path.Combine(dev.Directory, Marker)).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Supervised_by_the_person_devs_question_is_answered_on_the_board_with_a_label_and_gestor_is_told_nothing()
    {
        // Arrange
        var (world, gestor, dev) = await StartSupervisedAsync(claude, "person");
        await using var _ = world;
        await using var board = await WebBoard.StartAsync(world);
        var gestorRequestsBefore = gestor.Model.MainRequests.Count;
        dev.Model.Enqueue(Turn.Call("AskUserQuestion", Questions.DatabaseMenu), Turn.Reply("Going with the answer."));
        await dev.TypeAsync("Ask me which database the service should use.");
        var request = await board.PendingAsync("dev");

        // Act
        var (status, responded) = await board.PostAsync(
            "/api/respond",
            new { role = "dev", request = request.GetProperty("id").GetString(), option = "SQLite" });
        var answer = await dev.WaitForToolResultAsync("AskUserQuestion");

        // Assert: the question as asked, answered through the hook with the label.
        request.GetProperty("tool").GetString().Should().Be("AskUserQuestion", request.ToString());
        request.GetProperty("supervisor").GetString().Should().Be("person");
        var question = request.GetProperty("input").GetProperty("questions")[0];
        question.GetProperty("question").GetString().Should().Be(Questions.Database);
        question.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("label").GetString()).Should().Equal("PostgreSQL", "SQLite", "Redis");
        status.Should().Be(200, responded.ToString());
        responded.GetProperty("answeredVia").GetString().Should().Be("hook", responded.ToString());
        answer.Should().Contain($"\"{Questions.Database}\"=\"SQLite\"");
        await dev.WaitForScreenAsync(s => s.Contains("Going with the answer.", StringComparison.Ordinal), "dev going on");

        // gestor was told nothing: no turn of its model, nothing typed into its pane (the window gives a notice
        // held or delayed somewhere the time to show; it bounds nothing).
        await Eventually.HoldsAsync(() => gestor.Model.MainRequests.Count == gestorRequestsBefore, "gestor's model to get no turn", TimeSpan.FromSeconds(3));
        gestor.Model.MainRequests.Count.Should().Be(gestorRequestsBefore, await world.DescribeAsync());
        gestor.Model.Requests.Should().NotContain(r => r.UserTexts.Any(t => t.Contains("[from:dev]", StringComparison.Ordinal) || t.Contains(Questions.Database, StringComparison.Ordinal)));
        (await gestor.ScreenAsync()).Should().NotContain("[from:dev]").And.NotContain(Questions.Database);
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task A_message_a_script_sends_with_the_bearer_token_and_no_Origin_reaches_devs_model_from_the_person()
    {
        // Arrange
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var dev = await world.StartSessionAsync("dev");
        await dev.RegisterAsync("dev");
        await using var board = await WebBoard.StartAsync(world);
        dev.Model.Enqueue(Turn.Reply("On it."));
        const string text = "Run the parser tests, please.";

        // Act: the client sends the bearer token and no Origin header, as curl does.
        var (status, sent) = await board.PostAsync("/api/send", new { to = "dev", text });
        var received = await dev.WaitForRequestAsync(
            r => r.IsMain && r.LastUserText.Contains("[from:person]", StringComparison.Ordinal),
            "the person's message at dev's model");

        // Assert
        status.Should().Be(200, sent.ToString());
        sent.GetProperty("delivered").GetBoolean().Should().BeTrue(sent.ToString());
        received.LastUserText.Should().EndWith("[from:person] " + text);
        await dev.WaitForScreenAsync(s => s.Contains("On it.", StringComparison.Ordinal), "dev's reply");
    }
}
