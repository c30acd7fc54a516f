using System.Text.Json;
using System.Text.RegularExpressions;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>
/// A role's saved briefing comes back after /clear, through the SessionStart hook; the /clear is sent as the
/// original documents it (a slash command, typed without the tag), and dev's hooks go on working after it.
/// </summary>
public sealed class PromptRestoreSpecs(ClaudeInstallation claude)
{
    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task After_gestor_saves_devs_prompt_and_sends_clear_devs_next_request_carries_its_role_and_prompt_and_its_hooks_still_report()
    {
        // Arrange
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        const string prompt = "You own the billing service. Report to gestor with send after each migration.";
        gestor.Model.Enqueue(
            Turn.Bridge("set_prompt", new { role = "dev", prompt }),
            // The original's own example: the tag left at its default.
            Turn.Bridge("send", new { to = "dev", from = "gestor", text = "/clear" }),
            Turn.Reply("dev is briefed and cleared."));
        var devThinking = new TaskCompletionSource();
        const string answer = "I own the billing service.";
        dev.Model.Enqueue(Turn.Reply(answer) with { Hold = devThinking.Task });

        // Act
        await gestor.TypeAsync("Brief dev on billing, then clear its context.");
        await gestor.WaitForScreenAsync(s => s.Contains("dev is briefed and cleared.", StringComparison.Ordinal), "gestor done");
        await dev.WaitForScreenAsync(s => !s.Contains("Registered as dev.", StringComparison.Ordinal), "dev's screen cleared");
        var beforeClear = dev.Model.MainRequests.Count;
        var cleared = DateTimeOffset.UtcNow;
        await dev.TypeAsync("What do you work on?");
        await dev.WaitForScreenAsync(s => s.Contains("esc to interrupt", StringComparison.Ordinal), "dev busy");
        var busy = await DevAsync(world);
        devThinking.SetResult();
        await dev.WaitForScreenAsync(s => s.Contains(answer, StringComparison.Ordinal), "dev's answer");
        var idle = await Eventually.ReadAsync(() => DevAsync(world), p => p.GetProperty("state").GetString() == "idle", "dev idle");

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
        dev.Model.Requests.Should().NotContain(r => r.ContextText.Contains("[from:gestor] /clear", StringComparison.Ordinal), "a slash command is typed without the tag");

        // The hooks of the new conversation report: busy, then idle, both from the hook and both since the /clear.
        busy.GetProperty("state").GetString().Should().Be("busy", busy.ToString());
        busy.GetProperty("stateSource").GetString().Should().Be("hook", busy.ToString());
        busy.GetProperty("stateSince").GetDateTimeOffset().Should().BeAfter(cleared);
        idle.GetProperty("stateSource").GetString().Should().Be("hook", idle.ToString());
        idle.GetProperty("stateSince").GetDateTimeOffset().Should().BeAfter(busy.GetProperty("stateSince").GetDateTimeOffset());
    }

    /// <summary>dev's row as a person sees it with <c>session-bridge peers --json</c>.</summary>
    private static async Task<JsonElement> DevAsync(ClaudeWorld world)
    {
        var result = await world.Bridge().RunAsync("peers", "--json");
        result.ExitCode.Should().Be(0, result.StandardError);
        return ToolJson.Peer(ToolJson.Parse(result.StandardOutput), "dev");
    }
}
