using System.Text.Json;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;
using static SessionBridge.EndToEnd.Specs.ToolJson;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>
/// dev supervised by gestor, on the real Claude Code: dev's permission dialog tells gestor at once (no polling), and
/// gestor's respond answers it through dev's own PermissionRequest hook, pressing no key.
/// </summary>
public sealed class SupervisionSpecs(ClaudeInstallation claude, ITestOutputHelper output)
{
    private const string Marker = "supervised-marker.txt";

    private static async Task<(ClaudeWorld World, ClaudeSession Gestor, ClaudeSession Dev)> StartSupervisedAsync(ClaudeInstallation claude)
    {
        var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        var supervise = await world.Bridge().RunAsync("supervise", "dev", "--by", "gestor");
        supervise.ExitCode.Should().Be(0, supervise.StandardOutput + supervise.StandardError);
        return (world, gestor, dev);
    }

    private static void AskForBash(ClaudeSession dev) =>
        dev.Model.Enqueue(Turn.Call("Bash", new { command = $"touch {Marker}", description = "Create the marker file" }), Turn.Reply("Marker step over."));

    /// <summary>dev's requests as its hook recorded them in the state directory.</summary>
    private static List<JsonElement> Requests(ClaudeWorld world)
    {
        var directory = Path.Combine(world.State, "requests");
        return Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*.json").Select(f => Parse(File.ReadAllText(f)))]
            : [];
    }

    private static async Task<JsonElement> PendingAsync(ClaudeWorld world)
    {
        await Eventually.WaitAsync(() => Requests(world).Any(r => r.GetProperty("status").GetString() == "pending"), "dev's hook to record its request", TimeSpan.FromSeconds(60));
        return Requests(world).Single(r => r.GetProperty("status").GetString() == "pending");
    }

    private static int NoticeTurns(ClaudeSession gestor, string id) =>
        gestor.Model.MainRequests.Count(r => r.LastUserText.Contains($"request {id}", StringComparison.Ordinal) && r.LastUserText.Contains("waits on", StringComparison.Ordinal));

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Gestor_is_told_of_devs_Bash_permission_once_and_Yes_through_the_hook_runs_the_command_without_a_key()
    {
        // Arrange
        var (world, gestor, dev) = await StartSupervisedAsync(claude);
        await using var _ = world;
        AskForBash(dev);
        gestor.Model.Enqueue(Turn.Bridge("respond", new { role = "dev", option = "Yes" }), Turn.Reply("Allowed dev's command."));

        // Act
        await dev.TypeAsync("Create the marker file.");
        var request = await PendingAsync(world);
        var id = request.GetProperty("id").GetString()!;
        var told = await gestor.WaitForRequestAsync(r => r.IsMain && r.LastUserText.Contains($"request {id}", StringComparison.Ordinal), "the notice");
        var responded = Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("respond")));

        // Assert
        told.LastUserText.Should().Contain("[from:dev]").And.Contain($"touch {Marker}").And.Contain("respond(role: \"dev\"");
        var noticeDelay = told.ReceivedAt - request.GetProperty("createdAt").GetDateTimeOffset();
        output.WriteLine($"dev's PermissionRequest to gestor's model: {noticeDelay.TotalMilliseconds:F0} ms");
        responded.GetProperty("answeredVia").GetString().Should().Be("hook", responded.ToString());
        responded.GetProperty("decision").GetString().Should().Be("allow");
        responded.GetProperty("keys").GetArrayLength().Should().Be(0);
        await Eventually.WaitAsync(() => File.Exists(Path.Combine(dev.Directory, Marker)), "the command to run", TimeSpan.FromSeconds(30));
        await dev.WaitForScreenAsync(s => s.Contains("Marker step over.", StringComparison.Ordinal), "dev going on");
        (await dev.ScreenAsync()).Should().Contain("PermissionRequest hook");
        await gestor.WaitForScreenAsync(s => s.Contains("Allowed dev's command.", StringComparison.Ordinal), "gestor's reply");
        NoticeTurns(gestor, id).Should().Be(1, "gestor's model is told once");
        gestor.Model.MainRequests.Count(r => r.LastUserText.Contains("[from:dev]", StringComparison.Ordinal)).Should().Be(1, "one turn per notice and no others");
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task A_No_with_a_reason_reaches_devs_model_and_the_command_does_not_run()
    {
        // Arrange
        var (world, gestor, dev) = await StartSupervisedAsync(claude);
        await using var _ = world;
        AskForBash(dev);
        gestor.Model.Enqueue(
            Turn.Bridge("respond", new { role = "dev", option = "No", reason = "Use the Makefile's marker target instead." }),
            Turn.Reply("Denied dev's command."));

        // Act
        await dev.TypeAsync("Create the marker file.");
        await PendingAsync(world);
        var responded = Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("respond")));
        var result = await dev.WaitForToolResultAsync("Bash");

        // Assert
        responded.GetProperty("decision").GetString().Should().Be("deny", responded.ToString());
        result.Should().Contain("Use the Makefile's marker target instead.");
        File.Exists(Path.Combine(dev.Directory, Marker)).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Devs_AskUserQuestion_is_answered_with_a_label_through_the_hook()
    {
        // Arrange
        var (world, gestor, dev) = await StartSupervisedAsync(claude);
        await using var _ = world;
        dev.Model.Enqueue(Turn.Call("AskUserQuestion", Questions.DatabaseMenu), Turn.Reply("Going with the answer."));
        gestor.Model.Enqueue(Turn.Bridge("respond", new { role = "dev", option = "SQLite" }), Turn.Reply("Answered dev."));

        // Act
        await dev.TypeAsync("Ask me which database the service should use.");
        var responded = Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("respond")));
        var answer = await dev.WaitForToolResultAsync("AskUserQuestion");

        // Assert
        responded.GetProperty("answeredVia").GetString().Should().Be("hook", responded.ToString());
        answer.Should().Contain($"\"{Questions.Database}\"=\"SQLite\"");
        await dev.WaitForScreenAsync(s => s.Contains("Going with the answer.", StringComparison.Ordinal), "dev going on");
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task A_person_answering_on_screen_first_ends_the_request_and_a_later_respond_is_stale()
    {
        // Arrange
        var (world, gestor, dev) = await StartSupervisedAsync(claude);
        await using var _ = world;
        AskForBash(dev);
        gestor.Model.Enqueue(Turn.Reply("Noted."));
        await dev.TypeAsync("Create the marker file.");
        var id = (await PendingAsync(world)).GetProperty("id").GetString()!;

        // Act: the person chooses Yes on dev's screen (a key pressed while the dialog is still being drawn can be
        // lost, so press again until it is gone).
        await dev.WaitForScreenAsync(s => s.Contains("Do you want to proceed?", StringComparison.Ordinal), "the permission dialog");
        await Eventually.WaitAsync(
            async () =>
            {
                if (File.Exists(Path.Combine(dev.Directory, Marker)))
                    return true;
                if ((await dev.ScreenAsync()).Contains("Do you want to proceed?", StringComparison.Ordinal))
                    await dev.PressAsync("1");
                return false;
            },
            "the person's choice to run the command",
            TimeSpan.FromSeconds(30)
        );
        await Eventually.WaitAsync(() => Requests(world).Single().GetProperty("status").GetString() != "pending", "the request to end", TimeSpan.FromSeconds(30));
        var late = await world.Bridge().RunAsync("respond", "dev", "No", "--request", id, "--json");

        // Assert
        Requests(world).Single().GetProperty("status").GetString().Should().Be("answered_on_screen");
        Parse(late.StandardOutput).GetProperty("status").GetString().Should().Be("stale", late.StandardOutput);
        await dev.WaitForScreenAsync(s => s.Contains("Marker step over.", StringComparison.Ordinal), "dev going on");
    }
}
