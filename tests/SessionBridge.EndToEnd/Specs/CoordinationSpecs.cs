using System.Text.Json;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;
using static SessionBridge.EndToEnd.Specs.ToolJson;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>
/// A manager session coordinating peers without polling: wait_for a reply or for a peer to go idle,
/// broadcast to everyone, read a peer's screen. All with real Claude Code sessions.
/// </summary>
public sealed class CoordinationSpecs(ClaudeInstallation claude)
{
    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Gestor_waits_for_devs_reply_to_its_message_instead_of_polling_and_gets_it_in_the_same_turn()
    {
        // Arrange: gestor asks, then waits for the answer to that very message (its id from send's result);
        // dev finds the id in its inbox and replies to it.
        await using var world = await ClaudeWorld.CreateAsync(claude);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        const string question = "Is the users table migrated?";
        const string answer = "Yes, migrated on staging.";
        gestor.Model.Enqueue(
            Turn.Bridge("send", new { to = "dev", from = "gestor", text = question }),
            Turn.Bridge("wait_for", r => new { role = "dev", until = "message", me = "gestor", reply_to = SentId(r), timeout_s = 120 }),
            Turn.Reply("dev has answered."));
        // send logs a message once it has checked the delivery on screen, a few hundred ms after the Enter; a
        // real model takes longer than that to answer, the scripted one does not: it waits for send to return.
        var sendReturned = gestor.WaitForToolResultAsync(Turn.BridgeTool("send"));
        dev.Model.Enqueue(
            Turn.Bridge("inbox", new { role = "dev", limit = 1 }) with { Hold = sendReturned },
            Turn.Bridge("send", r => new { to = "gestor", from = "dev", text = answer, reply_to = NewestInboxId(r) }),
            Turn.Reply("Answered gestor."));

        // Act
        await gestor.TypeAsync("Ask dev whether the users table is migrated, and wait for the answer.");

        // Assert
        var sent = Json(await sendReturned);
        var returned = await gestor.WaitForRequestAsync(r => r.IsMain && r.ToolResult(WaitFor) is not null, "wait_for's result", TimeSpan.FromSeconds(90));
        var waited = Json(returned.ToolResult(WaitFor)!);
        // met: the wait returned on the reply, not on its own timeout (120 s, past the 90 s bound on a hang above).
        waited.GetProperty("met").GetBoolean().Should().BeTrue(waited.ToString());
        var reply = waited.GetProperty("message");
        reply.GetProperty("from").GetString().Should().Be("dev");
        reply.GetProperty("text").GetString().Should().Be(answer);
        reply.GetProperty("replyTo").GetString().Should().Be(sent.GetProperty("id").GetString());

        // dev's reply was typed into gestor's pane while gestor sat in wait_for: Claude Code queued it, and
        // send said so.
        var replied = Json(await dev.WaitForToolResultAsync(Turn.BridgeTool("send")));
        replied.GetProperty("delivered").GetBoolean().Should().BeTrue(replied.ToString());
        replied.GetProperty("status").GetString().Should().Be("queued", replied.ToString());
        await gestor.WaitForRequestAsync(
            r => r.IsMain && r.UserTexts.Any(t => t.Contains("[from:dev] " + answer, StringComparison.Ordinal)),
            "dev's reply as a user turn after the wait");
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Broadcast_reaches_every_peer_gestor_waits_until_dev_is_idle_and_reads_its_answer_on_screen()
    {
        // Arrange: three sessions; dev's answer is held back, so dev is busy while gestor waits for it.
        await using var world = await ClaudeWorld.CreateAsync(claude);
        var gestor = await world.StartSessionAsync("gestor");
        var dev = await world.StartSessionAsync("dev");
        var reviewer = await world.StartSessionAsync("reviewer");
        await dev.RegisterAsync("dev");
        await reviewer.RegisterAsync("reviewer");
        await gestor.RegisterAsync("gestor");
        const string text = "The schema is frozen until Friday.";
        var devThinking = new TaskCompletionSource();
        dev.Model.Enqueue(Turn.Reply("Frozen schema noted, pausing migrations.") with { Hold = devThinking.Task });
        reviewer.Model.Enqueue(Turn.Reply("Noted."));
        gestor.Model.Enqueue(
            Turn.Bridge("broadcast", new { from = "gestor", text }),
            Turn.Bridge("wait_for", new { role = "dev", until = "idle", timeout_s = 120 }),
            Turn.Bridge("read_peer", new { role = "dev", lines = 0 }),
            Turn.Reply("Everyone knows."));

        // Act
        await gestor.TypeAsync("Tell everyone the schema is frozen, then wait for dev to take it in.");
        var broadcast = Json(await gestor.WaitForToolResultAsync(Turn.BridgeTool("broadcast")));
        await Eventually.WaitAsync(
            () => gestor.Model.Answered.Any(a => a.Contains(Turn.BridgeTool("wait_for"), StringComparison.Ordinal)),
            "gestor's model to call wait_for",
            TimeSpan.FromSeconds(30));
        // dev is held busy for a window while wait_for runs, so that the wait has something to wait for (asserted
        // below: waitedMs > 1000); the window proves gestor gets no result while dev is busy.
        await Eventually.HoldsAsync(() => !HasResult(gestor, WaitFor), "gestor's wait_for to go on while dev is busy", TimeSpan.FromSeconds(2));
        devThinking.SetResult();

        // Assert
        broadcast.GetProperty("delivered").GetInt32().Should().Be(2, broadcast.ToString());
        broadcast.GetProperty("failed").GetInt32().Should().Be(0, broadcast.ToString());
        broadcast.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("to").GetString())
            .Should().BeEquivalentTo(["dev", "reviewer"]);
        foreach (var peer in new[] { dev, reviewer })
        {
            await peer.WaitForRequestAsync(
                r => r.IsMain && r.LastUserText.EndsWith("[from:gestor] " + text, StringComparison.Ordinal),
                $"the broadcast reaching {peer.Name}'s model");
        }

        var waited = Json(await gestor.WaitForToolResultAsync(Turn.BridgeTool("wait_for"), TimeSpan.FromSeconds(90)));
        waited.GetProperty("met").GetBoolean().Should().BeTrue(waited.ToString());
        waited.GetProperty("state").GetString().Should().Be("idle", waited.ToString());
        waited.GetProperty("waitedMs").GetInt64().Should().BeGreaterThan(1000, "dev was busy until its answer was let go");
        var screen = Json(await gestor.WaitForToolResultAsync(Turn.BridgeTool("read_peer"))).GetProperty("screen").GetString();
        screen.Should().Contain("Frozen schema noted, pausing migrations.");
        screen.Should().Contain("[from:gestor] " + text);
    }

    private static readonly string WaitFor = Turn.BridgeTool("wait_for");

    private static bool HasResult(ClaudeSession session, string tool) =>
        session.Model.Requests.Any(r => r.IsMain && r.ToolResult(tool) is not null);

    private static JsonElement Json(string text) => ToolJson.Parse(text);
}
