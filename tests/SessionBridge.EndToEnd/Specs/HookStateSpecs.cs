using System.Text.Json;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;
using static SessionBridge.EndToEnd.Specs.ToolJson;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>
/// Hooks first, the screen as the check: with the hook wired on every event (as <c>session-bridge install</c>
/// wires it), a peer's state comes from its own Claude Code, wait_for wakes on its Stop and hands over its last
/// answer, and what fires no hook (an interrupt) is still seen.
/// </summary>
public sealed class HookStateSpecs(ClaudeInstallation claude)
{
    private static readonly string WaitFor = Turn.BridgeTool("wait_for");

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task A_busy_peer_is_busy_by_its_hook_and_wait_for_idle_returns_on_its_Stop_with_its_last_answer_exactly()
    {
        // Arrange: dev is busy on a held answer; gestor looks at it, then waits for it to finish.
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        const string answer = "Migrated **3** tables:\n\n- users\n- orders (kept `legacy_id`)\n- invoices\n\nAll green — ready for review.";
        var devThinking = new TaskCompletionSource();
        dev.Model.Enqueue(Turn.Reply(answer) with { Hold = devThinking.Task });
        await dev.TypeAsync("Run the migrations.");
        await dev.WaitForScreenAsync(s => s.Contains("esc to interrupt", StringComparison.Ordinal), "dev busy");
        gestor.Model.Enqueue(
            Turn.Bridge("list_peers", new { }),
            Turn.Bridge("detect_question", new { role = "dev" }),
            Turn.Bridge("wait_for", new { role = "dev", until = "idle", timeout_s = 60 }),
            Turn.Reply("dev is done."));

        // Act
        await gestor.TypeAsync("How is dev doing? Wait until it is done.");
        await WaitUntilCalledAsync(gestor, WaitFor);
        // dev stays busy for a window while wait_for runs, so the wait has something to wait for; the window proves
        // gestor gets no result while dev is busy.
        await Eventually.HoldsAsync(() => !HasResult(gestor, WaitFor), "gestor's wait_for to go on while dev is busy", TimeSpan.FromSeconds(1));
        var released = DateTimeOffset.UtcNow;
        devThinking.SetResult();

        // Assert
        var peers = Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("list_peers")));
        var devRow = Peer(peers, "dev");
        devRow.GetProperty("state").GetString().Should().Be("busy", devRow.ToString());
        devRow.GetProperty("stateSource").GetString().Should().Be("hook", devRow.ToString());
        devRow.GetProperty("stateSince").GetDateTimeOffset().Should().BeBefore(released);
        var detected = Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("detect_question")));
        detected.GetProperty("state").GetString().Should().Be("busy", detected.ToString());
        detected.GetProperty("stateSource").GetString().Should().Be("hook", detected.ToString());

        var returned = await gestor.WaitForRequestAsync(r => r.IsMain && r.ToolResult(WaitFor) is not null, "wait_for's result", TimeSpan.FromSeconds(60));
        var waited = Parse(returned.ToolResult(WaitFor)!);
        waited.GetProperty("met").GetBoolean().Should().BeTrue(waited.ToString());
        waited.GetProperty("state").GetString().Should().Be("idle", waited.ToString());
        waited.GetProperty("stateSource").GetString().Should().Be("hook", waited.ToString());
        returned.ReceivedAt.Should().BeAfter(released, "dev was busy until its answer was let go");
        waited.GetProperty("lastAnswer").GetString().Should().Be(answer, "the Stop hook hands over the answer exactly as the model wrote it");
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task An_interrupted_peer_fires_no_hook_but_wait_for_sees_it_stop_within_seconds()
    {
        // Arrange: dev is part-way through an answer that never ends; gestor waits for it to stop. Interrupted
        // mid-answer, Claude Code asks "What should Claude do instead?": waiting_text (SPEC §5), which
        // until=idle does not take, so gestor waits with idle_or_question.
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        var never = new TaskCompletionSource();
        dev.Model.Enqueue(Turn.Reply("and this part never comes.") with { Hold = never.Task, Lead = "Starting the long job, " });
        await dev.TypeAsync("Start the long job.");
        await dev.WaitForScreenAsync(s => s.Contains("esc to interrupt", StringComparison.Ordinal), "dev busy");
        gestor.Model.Enqueue(
            Turn.Bridge("wait_for", new { role = "dev", until = "idle_or_question", timeout_s = 60 }),
            Turn.Reply("dev stopped."));
        await gestor.TypeAsync("Wait until dev stops.");
        await WaitUntilCalledAsync(gestor, WaitFor);
        await Eventually.HoldsAsync(() => !HasResult(gestor, WaitFor), "gestor's wait_for to go on while dev is busy", TimeSpan.FromSeconds(1));

        // Act: a person presses Escape in dev's pane.
        await dev.PressAsync("Escape");

        // Assert
        var returned = await gestor.WaitForRequestAsync(r => r.IsMain && r.ToolResult(WaitFor) is not null, "wait_for's result", TimeSpan.FromSeconds(60));
        var waited = Parse(returned.ToolResult(WaitFor)!);
        waited.GetProperty("met").GetBoolean().Should().BeTrue(waited.ToString());
        waited.GetProperty("state").GetString().Should().Be("waiting_text", waited.ToString());
        waited.GetProperty("stateSource").GetString().Should().Be("screen", "no hook fired: dev's presence still says busy");
        var screen = await dev.ScreenAsync();
        screen.Should().Contain("What should Claude do instead?").And.NotContain("esc to interrupt");
        never.SetResult();
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task A_reply_that_arrives_before_gestor_starts_waiting_for_it_ends_the_wait_at_once()
    {
        // Arrange: gestor asks dev, and only calls wait_for once dev has already replied.
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        const string answer = "Yes, the cache is warm.";
        var sendReturned = gestor.WaitForToolResultAsync(Turn.BridgeTool("send"));
        dev.Model.Enqueue(
            Turn.Bridge("inbox", new { role = "dev", limit = 1 }) with { Hold = sendReturned },
            Turn.Bridge("send", r => new { to = "gestor", from = "dev", text = answer, reply_to = NewestInboxId(r) }),
            Turn.Reply("Answered gestor."));
        var devReplied = dev.WaitForToolResultAsync(Turn.BridgeTool("send"), TimeSpan.FromSeconds(60));
        gestor.Model.Enqueue(
            Turn.Bridge("send", new { to = "dev", from = "gestor", text = "Is the cache warm?" }),
            Turn.Bridge("wait_for", r => new { role = "dev", until = "message", me = "gestor", reply_to = SentId(r), timeout_s = 60 }) with { Hold = devReplied },
            Turn.Reply("dev has answered."));

        // Act
        await gestor.TypeAsync("Ask dev whether the cache is warm, and wait for the answer.");

        // Assert
        var sent = Parse(await sendReturned);
        Parse(await devReplied).GetProperty("delivered").GetBoolean().Should().BeTrue();
        var waited = Parse(await gestor.WaitForToolResultAsync(WaitFor, TimeSpan.FromSeconds(60)));
        waited.GetProperty("met").GetBoolean().Should().BeTrue(waited.ToString());
        // met at all: had the reply in the inbox been missed, nothing else comes and the wait times out unmet.
        var reply = waited.GetProperty("message");
        reply.GetProperty("text").GetString().Should().Be(answer);
        reply.GetProperty("replyTo").GetString().Should().Be(sent.GetProperty("id").GetString());
    }

    private static bool HasResult(ClaudeSession session, string tool) =>
        session.Model.Requests.Any(r => r.IsMain && r.ToolResult(tool) is not null);

    private static Task WaitUntilCalledAsync(ClaudeSession session, string tool) =>
        Eventually.WaitAsync(
            () => session.Model.Answered.Any(a => a.Contains(tool, StringComparison.Ordinal)),
            $"{session.Name}'s model to call {tool}",
            TimeSpan.FromSeconds(30));
}
