using System.Text.Json;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;
using static SessionBridge.EndToEnd.Specs.ToolJson;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>
/// A message to a peer that cannot take typing now is held, never typed into a menu or over a human's draft,
/// and reaches the peer's model exactly once, carried by the peer's own hooks.
/// </summary>
public sealed class HeldSpecs(ClaudeInstallation claude)
{
    private const string Note = "Use the staging database for the tests.";

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task A_message_to_a_peer_on_a_menu_is_held_the_menu_untouched_and_it_reaches_the_model_once_after_the_answer()
    {
        // Arrange: dev on a real AskUserQuestion menu.
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        dev.Model.Enqueue(Turn.Call("AskUserQuestion", Questions.DatabaseMenu), Turn.Reply("Going with the answer."));
        await dev.TypeAsync("Ask me which database the service should use.");
        await dev.WaitForScreenAsync(s => s.Contains("Enter to select", StringComparison.Ordinal), "the AskUserQuestion menu");
        gestor.Model.Enqueue(Turn.Bridge("send", new { to = "dev", from = "gestor", text = Note }), Turn.Reply("Sent."));

        // Act
        await gestor.TypeAsync("Tell dev which database to test against.");
        var sent = Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("send")));
        var menu = await dev.ScreenAsync();
        await dev.PressAsync("2");

        // Assert: held, nothing typed into the menu, and the note arrives with the answer's turn, once.
        sent.GetProperty("status").GetString().Should().Be("held", sent.ToString());
        sent.GetProperty("delivered").GetBoolean().Should().BeFalse();
        menu.Should().Contain("Enter to select").And.NotContain("staging");
        (await dev.WaitForToolResultAsync("AskUserQuestion")).Should().Contain("=\"SQLite\"");
        await dev.WaitForScreenAsync(s => s.Contains("Going with the answer.", StringComparison.Ordinal), "dev going on");
        var last = dev.Model.MainRequests[^1];
        Count(last.ContextText, Note).Should().Be(1, "the held note reaches dev's model exactly once:\n" + last.ContextText);
        last.ContextText.Should().Contain("[from:gestor]");
        dev.Model.MainRequests.Should().NotContain(r => r.UserTexts.Any(t => t.Contains(Note, StringComparison.Ordinal)), "it was never typed");
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task A_message_to_a_peer_with_a_humans_draft_is_held_and_both_reach_the_model_once_when_the_human_presses_Enter()
    {
        // Arrange: a human is half-way through typing in dev's prompt.
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        const string draft = "please also check the logs";
        await world.Tmux.Tmux("send-keys", "-t", dev.Pane, "-l", draft);
        await dev.WaitForScreenAsync(s => s.Contains(draft, StringComparison.Ordinal), "the human's draft");
        dev.Model.Enqueue(Turn.Reply("Checking the logs, on staging."));
        gestor.Model.Enqueue(Turn.Bridge("send", new { to = "dev", from = "gestor", text = Note }), Turn.Reply("Sent."));

        // Act
        await gestor.TypeAsync("Tell dev which database to test against.");
        var sent = Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("send")));
        var before = await dev.ScreenAsync();
        await dev.PressAsync("Enter");

        // Assert: the draft intact until the human sent it, then draft and note in one turn, each once.
        sent.GetProperty("status").GetString().Should().Be("held", sent.ToString());
        before.Should().Contain(draft).And.NotContain("staging");
        var request = await dev.WaitForRequestAsync(r => r.IsMain && r.ContextText.Contains(Note, StringComparison.Ordinal), "the held note");
        request.LastUserText.Should().Contain(draft).And.NotContain("[from:gestor]");
        await dev.WaitForScreenAsync(s => s.Contains("Checking the logs", StringComparison.Ordinal), "dev answering");
        var last = dev.Model.MainRequests[^1];
        Count(last.ContextText, Note).Should().Be(1, "the held note reaches dev's model exactly once");
        Count(string.Join("\n", last.UserTexts), draft).Should().Be(1, "the human's draft is sent once");
    }

    [Fact(Timeout = 10 * 60_000)]
    public async Task A_message_handed_to_a_session_that_dies_before_its_first_turn_reaches_the_next_session_once()
    {
        // Arrange: a one-role team whose session had a turn (so it has a conversation to resume), then was stopped.
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var model = world.StartModel();
        var teamFile = Path.Combine(world.Project, "session-bridge.json");
        await File.WriteAllTextAsync(teamFile, JsonSerializer.Serialize(new
        {
            name = "shop",
            command = await world.ClaudeLauncherAsync(),
            roles = new { dev = new { briefing = "You write the shop's code.", env = new Dictionary<string, string> { ["ANTHROPIC_BASE_URL"] = model.BaseUrl } } },
        }), TestContext.Current.CancellationToken);
        var first = await UpAsync(world, teamFile);
        var dev = world.Adopt("dev", first, world.Project, model);
        model.Enqueue(Turn.Reply("dev here."));
        await dev.TypeAsync("Hello dev.");
        await dev.WaitForScreenAsync(s => s.Contains("dev here.", StringComparison.Ordinal), "dev's first answer");
        (await world.Bridge().RunAsync("down", "dev", "--file", teamFile)).ExitCode.Should().Be(0);

        // Act: send to the stopped role, up (the note is handed over as the session's start context), the tmux
        // server dies before that session has a turn, up again, and a turn.
        var sent = Parse((await world.Bridge().RunAsync("send", "dev", Note, "--json", "--team", "shop")).StandardOutput);
        var id = sent.GetProperty("id").GetString()!;
        await UpAsync(world, teamFile);
        var handedOver = await StatusAsync(world, id);
        await world.Tmux.Tmux("kill-server");
        var pane = await UpAsync(world, teamFile);
        var afterDeath = await StatusAsync(world, id);
        var resumed = world.Adopt("dev", pane, world.Project, model);
        var before = model.MainRequests.Count;
        model.Enqueue(Turn.Reply("Noted."));
        await resumed.TypeAsync("Go on.");
        var request = await resumed.WaitForRequestAsync(r => r.IsMain && r.Number > before, "dev's turn after the second up");
        await resumed.WaitForScreenAsync(s => s.Contains("Noted.", StringComparison.Ordinal), "dev's answer");
        var delivered = await Eventually.ReadAsync(() => StatusAsync(world, id), s => s.Status != "handed_over", "the turn to mark it delivered", TimeSpan.FromSeconds(30));

        // Assert: held, handed over (not delivered) while no turn had carried it, and in the end given to dev's
        // model exactly once.
        sent.GetProperty("status").GetString().Should().Be("held", sent.ToString());
        handedOver.Should().Be(("handed_over", false), "the session start's context reaches the model only with a turn");
        afterDeath.Status.Should().BeOneOf(["held", "handed_over"], "that session died before a turn");
        afterDeath.Delivered.Should().BeFalse();
        var seen = request.ContextText + "\n" + string.Join("\n", request.UserTexts);
        Count(seen, Note).Should().Be(1, "the note reaches dev's model exactly once:\n" + request.ContextText);
        delivered.Should().Be(("submitted", true));
    }

    private static async Task<string> UpAsync(ClaudeWorld world, string teamFile)
    {
        var result = await world.Bridge().RunAsync("up", teamFile, "--json", "--timeout", "50");
        var role = JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("roles").EnumerateArray().Single();
        role.GetProperty("state").GetString().Should().Be("idle", result.StandardOutput + result.StandardError);
        return role.GetProperty("pane").GetString()!;
    }

    private static async Task<(string Status, bool Delivered)> StatusAsync(ClaudeWorld world, string id)
    {
        // The command line runs in HOME, outside the team's folder: it names the team.
        var history = await world.Bridge().RunAsync("history", "--json", "--team", "shop");
        var message = JsonDocument.Parse(history.StandardOutput).RootElement.GetProperty("messages").EnumerateArray()
            .Single(m => m.GetProperty("id").GetString() == id);
        return (message.GetProperty("status").GetString()!, message.GetProperty("delivered").GetBoolean());
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
