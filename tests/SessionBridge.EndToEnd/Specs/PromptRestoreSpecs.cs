using System.Text.Json;
using System.Text.RegularExpressions;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>A role's saved briefing comes back after /clear, through the SessionStart hook.</summary>
public sealed class PromptRestoreSpecs(ClaudeInstallation claude)
{
    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task After_gestor_saves_devs_prompt_and_sends_clear_devs_next_request_carries_its_role_and_prompt()
    {
        // Arrange
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        const string prompt = "You own the billing service. Report to gestor with send after each migration.";
        gestor.Model.Enqueue(
            Turn.Bridge("set_prompt", new { role = "dev", prompt }),
            Turn.Bridge("send", new { to = "dev", from = "gestor", text = "/clear", tag = false }),
            Turn.Reply("dev is briefed and cleared."));
        dev.Model.Enqueue(Turn.Reply("I own the billing service."));

        // Act
        await gestor.TypeAsync("Brief dev on billing, then clear its context.");
        await gestor.WaitForScreenAsync(s => s.Contains("dev is briefed and cleared.", StringComparison.Ordinal), "gestor done");
        await dev.WaitForScreenAsync(s => !s.Contains("Registered as dev.", StringComparison.Ordinal), "dev's screen cleared");
        var beforeClear = dev.Model.MainRequests.Count;
        await dev.TypeAsync("What do you work on?");

        // Assert
        var saved = JsonDocument.Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("set_prompt"))).RootElement;
        saved.GetProperty("prompt").GetString().Should().Be(prompt);
        var sent = JsonDocument.Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("send"))).RootElement;
        sent.GetProperty("submitted").GetBoolean().Should().BeTrue(sent.ToString());
        var next = await dev.WaitForRequestAsync(r => r.IsMain && r.Number > beforeClear, "dev's first request after /clear");
        next.LastUserText.Should().Contain("What do you work on?");
        next.UserTexts.Should().NotContain(t => t.Contains("Register as dev.", StringComparison.Ordinal), "/clear started a new conversation");
        var restored = next.ContextBlocks.Where(b => b.Contains(prompt, StringComparison.Ordinal)).ToList();
        restored.Should().NotBeEmpty("the hook gives dev's saved prompt back to its context after /clear");
        restored.Should().Contain(b => Regex.IsMatch(b, @"\bdev\b"), "the restored context names dev's role");
    }
}
