using System.Text.Json;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>Two real Claude Code sessions, gestor and dev, register and talk through session-bridge.</summary>
public sealed class MessagingSpecs(ClaudeInstallation claude)
{
    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Two_sessions_register_through_their_models_and_a_multi_line_message_reaches_the_peers_model()
    {
        // Arrange
        await using var world = await ClaudeWorld.CreateAsync(claude);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        const string text = "Please add the users table.\nColumns: id, email, created_at.\nThen run the migrations and report back.";
        gestor.Model.Enqueue(
            Turn.Bridge("send", new { to = "dev", from = "gestor", text }),
            Turn.Reply("Sent to dev."));
        dev.Model.Enqueue(Turn.Reply("On it."));

        // Act
        await gestor.TypeAsync("Ask dev to add the users table.");

        // Assert
        var sent = JsonDocument.Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("send"))).RootElement;
        sent.GetProperty("delivered").GetBoolean().Should().BeTrue(sent.ToString());
        sent.GetProperty("submitted").GetBoolean().Should().BeTrue(sent.ToString());
        var received = await dev.WaitForRequestAsync(
            r => r.IsMain && r.LastUserText.Contains("[from:gestor]", StringComparison.Ordinal),
            "gestor's message as a new user turn");
        received.LastUserText.Should().EndWith("[from:gestor] " + text);
        var screen = await dev.WaitForScreenAsync(s => s.Contains("On it.", StringComparison.Ordinal), "dev's answer");
        screen.Should().Contain("❯ [from:gestor] Please add the users table.");
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task A_long_message_that_Claude_Code_collapses_on_screen_is_submitted_and_reaches_the_model_whole()
    {
        // Arrange
        await using var world = await ClaudeWorld.CreateAsync(claude);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        var text = string.Join("\n", Enumerable.Range(1, 40).Select(i => $"Step {i}: check invoice batch {i} and report totals."));
        gestor.Model.Enqueue(Turn.Bridge("send", new { to = "dev", from = "gestor", text }), Turn.Reply("Sent the checklist."));
        dev.Model.Enqueue(Turn.Reply("Working through the checklist."));

        // Act
        await gestor.TypeAsync("Send dev the forty-step checklist.");

        // Assert
        var sent = JsonDocument.Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("send"))).RootElement;
        sent.GetProperty("submitted").GetBoolean().Should().BeTrue(sent.ToString());
        sent.GetProperty("status").GetString().Should().Be("submitted", sent.ToString());
        var received = await dev.WaitForRequestAsync(
            r => r.IsMain && r.LastUserText.Contains("[from:gestor]", StringComparison.Ordinal),
            "the checklist as a new user turn");
        // Claude Code 2.1.331 hands a long paste to the model inside <pasted_content> tags: whole and exact.
        received.LastUserText.Should().Contain("[from:gestor] " + text + "\n");
        received.LastUserText.Should().Contain("<pasted_content");
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Messages_sent_while_the_peer_is_busy_are_queued_by_Claude_Code_and_all_reach_its_model_after()
    {
        // Arrange
        await using var world = await ClaudeWorld.CreateAsync(claude);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        var longJob = new TaskCompletionSource();
        dev.Model.Enqueue(Turn.Reply("Long job done.") with { Hold = longJob.Task }, Turn.Reply("Read both."));
        await dev.TypeAsync("Start the long job.");
        await dev.WaitForScreenAsync(s => s.Contains("esc to interrupt", StringComparison.Ordinal), "dev busy");
        const string first = "First: the schema is frozen.";
        const string second = "Second: ship on Friday,\nnot before.";
        gestor.Model.Enqueue(
            Turn.Bridge("send", new { to = "dev", from = "gestor", text = first }),
            Turn.Bridge("send", new { to = "dev", from = "gestor", text = second }),
            Turn.Reply("Both sent."));

        // Act
        await gestor.TypeAsync("Tell dev the two decisions.");
        await gestor.WaitForScreenAsync(s => s.Contains("Both sent.", StringComparison.Ordinal), "gestor done sending");
        var whileBusy = dev.Model.MainRequests.Count;
        longJob.SetResult();

        // Assert
        var sends = gestor.Model.MainRequests.Select(r => r.ToolResult(Turn.BridgeTool("send"))).OfType<string>().Distinct().ToList();
        sends.Should().HaveCount(2);
        foreach (var send in sends.Select(s => JsonDocument.Parse(s).RootElement))
        {
            send.GetProperty("delivered").GetBoolean().Should().BeTrue(send.ToString());
            send.GetProperty("status").GetString().Should().Be("queued", send.ToString());
        }

        var after = await dev.WaitForRequestAsync(
            r => r.IsMain && r.Number > whileBusy && r.UserTexts.Any(t => t.Contains("[from:gestor]", StringComparison.Ordinal)),
            "the queued messages after the long job");
        var delivered = string.Join("\n", after.UserTexts);
        delivered.Should().Contain("[from:gestor] " + first);
        delivered.Should().Contain("[from:gestor] " + second);
        delivered.IndexOf(first, StringComparison.Ordinal).Should().BeLessThan(delivered.IndexOf("Second", StringComparison.Ordinal));
        dev.Model.MainRequests.Take(whileBusy).Should().NotContain(
            r => r.UserTexts.Any(t => t.Contains("[from:gestor]", StringComparison.Ordinal)),
            "dev's model was busy on the long job: the messages wait for it");
        await dev.WaitForScreenAsync(s => s.Contains("Read both.", StringComparison.Ordinal), "dev's answer");
    }
}
