using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;
using static SessionBridge.EndToEnd.Specs.ToolJson;

namespace SessionBridge.EndToEnd.Specs;

/// <summary><c>session-bridge watch</c>, run by a person beside real Claude Code sessions.</summary>
public sealed class BoardSpecs(ClaudeInstallation claude)
{
    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task A_session_on_an_AskUserQuestion_menu_shows_on_the_board_with_its_question_and_options()
    {
        // Arrange: dev's model asks a real AskUserQuestion.
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var dev = await world.StartSessionAsync("dev");
        await dev.RegisterAsync("dev");
        dev.Model.Enqueue(
            Turn.Call("AskUserQuestion", new
            {
                questions = new[]
                {
                    new
                    {
                        question = "Which queue should the workers read?",
                        header = "Queue",
                        multiSelect = false,
                        options = new[]
                        {
                            new { label = "RabbitMQ", description = "Brokered, acknowledgements" },
                            new { label = "Kafka", description = "A log, replayable" },
                        },
                    },
                },
            }),
            Turn.Reply("Going with the answer."));
        await dev.TypeAsync("Ask me which queue the workers should read.");
        await dev.WaitForScreenAsync(s => s.Contains("Enter to select", StringComparison.Ordinal), "the AskUserQuestion menu");

        // Act: a person in another terminal of the same tmux server takes one snapshot.
        var result = await world.Bridge().RunAsync("watch", "--once", "--json");

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError + result.StandardOutput);
        var row = Peer(Parse(result.StandardOutput), "dev");
        row.GetProperty("pane").GetString().Should().Be(dev.Pane);
        row.GetProperty("state").GetString().Should().Be("waiting_select", row.ToString());
        row.GetProperty("question").GetString().Should().Be("Which queue should the workers read?", row.ToString());
        row.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("label").GetString())
            .Should().StartWith(["RabbitMQ", "Kafka"], row.ToString());
    }
}
