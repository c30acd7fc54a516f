using System.Text.Json;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>
/// Two projects on one machine, each with a team file naming gestor and dev, started with <c>up</c> in both at once
/// on the real Claude Code: each folder's <c>peers</c> shows its own team, and a message alpha's gestor sends with its
/// own MCP <c>send</c> tool reaches alpha's dev's model and not beta's.
/// </summary>
public sealed class TwoTeamsSpecs(ClaudeInstallation claude)
{
    private static readonly string[] RoleNames = ["gestor", "dev"];

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Two_teams_with_the_same_roles_come_up_at_once_and_a_message_stays_in_its_team()
    {
        // Arrange: alpha and beta, each role with a scripted model of its own.
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var teams = new Dictionary<string, (string Folder, string File, Dictionary<string, ScriptedModel> Models)>();
        foreach (var team in new[] { "alpha", "beta" })
        {
            var folder = await ProjectFolders.AddAsync(world, team);
            var models = RoleNames.ToDictionary(r => r, _ => world.StartModel());
            var file = Path.Combine(folder, "session-bridge.json");
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
            {
                name = team,
                command = await world.ClaudeLauncherAsync(),
                roles = RoleNames.ToDictionary(r => r, r => new { briefing = $"You are {team}'s {r}.", env = new Dictionary<string, string> { ["ANTHROPIC_BASE_URL"] = models[r].BaseUrl } }),
            }), TestContext.Current.CancellationToken);
            teams[team] = (folder, file, models);
        }

        // Act 1: up in both folders at once.
        var ups = await Task.WhenAll(teams.Values.Select(t => new CliProcess(world.State, t.Folder, world.Tmux).RunAsync("up", "--json", "--timeout", "50")));
        var peers = new Dictionary<string, JsonElement>();
        foreach (var (team, (folder, _, _)) in teams)
            peers[team] = JsonDocument.Parse((await new CliProcess(world.State, folder, world.Tmux).RunAsync("peers", "--json")).StandardOutput).RootElement;

        // Assert 1: both up; each folder sees its own two roles, each naming its team.
        ups.Should().AllSatisfy(up => up.ExitCode.Should().Be(0, up.StandardOutput + up.StandardError));
        foreach (var team in teams.Keys)
        {
            peers[team].GetProperty("peers").EnumerateArray()
                .Select(p => (p.GetProperty("role").GetString(), p.GetProperty("team").GetString(), p.GetProperty("status").GetString()))
                .Should().Equal([("dev", team, "alive"), ("gestor", team, "alive")], peers[team].ToString());
        }

        // Act 2: alpha's gestor, asked by the person, sends to dev with its own MCP tool.
        string Pane(string team, string role) =>
            peers[team].GetProperty("peers").EnumerateArray().Single(p => p.GetProperty("role").GetString() == role).GetProperty("pane").GetString()!;
        var alpha = teams["alpha"];
        var gestor = world.Adopt("alpha-gestor", Pane("alpha", "gestor"), alpha.Folder, alpha.Models["gestor"]);
        world.Adopt("alpha-dev", Pane("alpha", "dev"), alpha.Folder, alpha.Models["dev"]);
        world.Adopt("beta-dev", Pane("beta", "dev"), teams["beta"].Folder, teams["beta"].Models["dev"]);
        const string text = "Alpha only: build the parser.";
        alpha.Models["gestor"].Enqueue(Turn.Bridge("send", new { to = "dev", from = "gestor", text }), Turn.Reply("Sent to dev."));
        alpha.Models["dev"].Enqueue(Turn.Reply("On it."));
        await gestor.TypeAsync("Ask dev to build the parser.");

        // Assert 2: alpha's dev's model gets it; beta's dev's model never did.
        var sent = JsonDocument.Parse(await gestor.WaitForToolResultAsync(Turn.BridgeTool("send"))).RootElement;
        sent.GetProperty("delivered").GetBoolean().Should().BeTrue(sent.ToString());
        var received = await alpha.Models["dev"].WaitForRequestAsync(
            r => r.IsMain && r.LastUserText.Contains("[from:gestor]", StringComparison.Ordinal),
            "alpha's gestor's message at alpha's dev");
        received.LastUserText.Should().EndWith("[from:gestor] " + text);
        teams["beta"].Models["dev"].Requests.Should().NotContain(r => r.UserTexts.Any(t => t.Contains(text, StringComparison.Ordinal)), await world.DescribeAsync());
        (await world.Tmux.CaptureAsync(Pane("beta", "dev"))).Should().NotContain(text);
    }
}
