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

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
