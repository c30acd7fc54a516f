using System.Text.Json;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>gestor notices dev stuck on a real AskUserQuestion menu and answers it.</summary>
public sealed class MenuSpecs(ClaudeInstallation claude)
{
    // gestor and dev running, dev's model showing the database question as a real AskUserQuestion menu.
    private static async Task<(ClaudeSession Gestor, ClaudeSession Dev)> StartWithDevOnTheMenuAsync(ClaudeWorld world)
    {
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        dev.Model.Enqueue(Turn.Call("AskUserQuestion", Questions.DatabaseMenu), Turn.Reply("Going with the answer."));
        await dev.TypeAsync("Ask me which database the service should use.");
        await dev.WaitForScreenAsync(s => s.Contains("Enter to select", StringComparison.Ordinal), "the AskUserQuestion menu");
        return (gestor, dev);
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Gestor_detects_devs_AskUserQuestion_menu_and_answers_it_with_keys_and_devs_model_gets_the_choice()
    {
        // Arrange
        await using var world = await ClaudeWorld.CreateAsync(claude);
        var (gestor, dev) = await StartWithDevOnTheMenuAsync(world);
        gestor.Model.Enqueue(
            Turn.Bridge("detect_question", new { role = "dev" }),
            Turn.Bridge("respond", new { role = "dev", keys = new[] { "2" } }),
            Turn.Reply("Answered dev's question."));

        // Act
        await gestor.TypeAsync("Is dev waiting on something? Answer it: SQLite.");

        // Assert
        var detected = JsonDocument.Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("detect_question"))).RootElement;
        detected.GetProperty("state").GetString().Should().Be("waiting_select", detected.ToString());
        detected.GetProperty("heading").GetString().Should().Be("Which database should the service use?");
        var options = detected.GetProperty("options").EnumerateArray().ToList();
        options.Select(o => o.GetProperty("label").GetString()).Should().StartWith(["PostgreSQL", "SQLite", "Redis"]);
        options.Take(3).Select(o => o.GetProperty("number").GetInt32()).Should().Equal(1, 2, 3);
        options.Should().ContainSingle(o => o.GetProperty("selected").GetBoolean())
            .Which.GetProperty("label").GetString().Should().Be("PostgreSQL");

        var responded = JsonDocument.Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("respond"))).RootElement;
        responded.GetProperty("sent").GetBoolean().Should().BeTrue(responded.ToString());
        var answer = await dev.WaitForToolResultAsync("AskUserQuestion");
        answer.Should().Contain("\"Which database should the service use?\"=\"SQLite\"");
        await dev.WaitForScreenAsync(s => s.Contains("Going with the answer.", StringComparison.Ordinal), "dev going on");
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Gestor_answers_devs_menu_by_naming_the_option()
    {
        // Arrange
        await using var world = await ClaudeWorld.CreateAsync(claude);
        var (gestor, dev) = await StartWithDevOnTheMenuAsync(world);
        gestor.Model.Enqueue(
            Turn.Bridge("respond", new { role = "dev", option = "redis" }),
            Turn.Reply("Answered dev's question."));

        // Act
        await gestor.TypeAsync("Answer dev's menu: Redis.");

        // Assert
        var responded = JsonDocument.Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("respond"))).RootElement;
        responded.GetProperty("sent").GetBoolean().Should().BeTrue(responded.ToString());
        responded.GetProperty("option").GetString().Should().Be("Redis");
        var answer = await dev.WaitForToolResultAsync("AskUserQuestion");
        answer.Should().Contain("\"Which database should the service use?\"=\"Redis\"");
    }
}
