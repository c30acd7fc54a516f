using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;
using static SessionBridge.EndToEnd.Specs.ToolJson;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>
/// What send refuses to do, seen from a real Claude Code session: type into a pane that is not Claude Code,
/// sign as another pane's role, or go on past the loop brake.
/// </summary>
public sealed class DeliverySpecs(ClaudeInstallation claude)
{
    private static readonly string Send = Turn.BridgeTool("send");

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Gestor_cannot_type_into_a_python_pane_sign_as_dev_or_send_dev_more_than_the_brake_allows()
    {
        // Arrange: gestor and dev in Claude Code, and a role "py" whose pane runs python; at most 3 messages a minute.
        await using var world = await ClaudeWorld.CreateAsync(
            claude,
            hook: HookExecutable.Path,
            environment: new Dictionary<string, string> { ["SESSION_BRIDGE_MAX_PER_MINUTE"] = "3" });
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        var python = await world.StartPaneAsync("exec python3 -q");
        await Eventually.ReadAsync(() => world.Tmux.CaptureAsync(python), s => s.Contains(">>>", StringComparison.Ordinal), "python's prompt");
        var registered = await world.Bridge().RunAsync("register", "py", "--pane", python, "--json");
        registered.ExitCode.Should().Be(0, registered.StandardError);
        dev.Model.Enqueue(Turn.Reply("Noted 1."), Turn.Reply("Noted 2."), Turn.Reply("Noted 3."));
        gestor.Model.Enqueue(
            Turn.Bridge("send", new { to = "py", from = "gestor", text = "print(6 * 7)" }),
            Turn.Bridge("send", new { to = "dev", from = "dev", text = "Signed as dev." }),
            Turn.Bridge("send", new { to = "dev", from = "gestor", text = "Note 1." }),
            Turn.Bridge("send", new { to = "dev", from = "gestor", text = "Note 2." }),
            Turn.Bridge("send", new { to = "dev", from = "gestor", text = "Note 3." }),
            Turn.Bridge("send", new { to = "dev", from = "gestor", text = "Note 4." }),
            Turn.Reply("All sent."));

        // Act
        await gestor.TypeAsync("Try python, then sign as dev, then send dev four notes.");
        await gestor.WaitForScreenAsync(s => s.Contains("All sent.", StringComparison.Ordinal), "gestor done", TimeSpan.FromSeconds(90));

        // Assert: one result per send, in order (the error is the refused signature).
        var results = Results(gestor.Model.MainRequests, Send);
        results.Should().HaveCount(6, string.Join("\n", results));

        var toPython = Parse(results[0]);
        toPython.GetProperty("status").GetString().Should().Be("not_claude", toPython.ToString());
        toPython.GetProperty("delivered").GetBoolean().Should().BeFalse();
        toPython.GetProperty("reason").GetString().Should().Contain("python3");
        var pythonScreen = await world.Tmux.CaptureAsync(python);
        pythonScreen.Should().NotContain("print(6 * 7)", "nothing is typed into python").And.NotContain("42");

        results[1].Should().Contain("\"dev\" is not a role of this session").And.Contain("gestor");

        foreach (var (result, i) in results.Skip(2).Take(3).Select((r, i) => (Parse(r), i + 1)))
        {
            result.GetProperty("delivered").GetBoolean().Should().BeTrue($"note {i} is within the limit: {result}");
            result.GetProperty("status").GetString().Should().BeOneOf(["submitted", "queued"], result.ToString());
        }

        var braked = Parse(results[5]);
        braked.GetProperty("status").GetString().Should().Be("refused_rate", braked.ToString());
        braked.GetProperty("delivered").GetBoolean().Should().BeFalse();
        braked.GetProperty("reason").GetString().Should().Contain("SESSION_BRIDGE_MAX_PER_MINUTE").And.Contain("works again");

        await dev.WaitForRequestAsync(r => r.IsMain && r.UserTexts.Any(t => t.Contains("[from:gestor] Note 3.", StringComparison.Ordinal)), "note 3");
        await dev.WaitForScreenAsync(s => s.Contains("Noted 3.", StringComparison.Ordinal) || s.Contains("Noted 2.", StringComparison.Ordinal), "dev answering");
        dev.Model.Requests.Should().NotContain(
            r => r.ContextText.Contains("Signed as dev.", StringComparison.Ordinal) || r.ContextText.Contains("Note 4.", StringComparison.Ordinal),
            "neither the forged message nor the braked one reached dev");
    }
}
