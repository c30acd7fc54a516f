using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>
/// <c>session-bridge up</c> and <c>down</c> on the real Claude Code: a three-role team from a team file, each
/// session briefed by its hook; a re-run that changes nothing; a killed pane and a killed tmux server brought back
/// with their conversations; down leaving no Claude Code and all the state; and the folder-trust dialog, reported
/// and, with --trust, answered. One world and several steps: each start of real Claude Code costs seconds.
/// </summary>
public sealed class TeamUpSpecs(ClaudeInstallation claude)
{
    private const int Budget = 10 * 60_000;

    private static readonly string[] RoleNames = ["gestor", "dev", "reviewer"];

    [Fact(Timeout = Budget)]
    public async Task Up_starts_resumes_and_keeps_a_team_and_down_stops_it_keeping_its_state()
    {
        // Arrange: a team file whose roles each talk to a scripted model of their own; reviewer's briefing is 20 KB.
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var models = RoleNames.ToDictionary(r => r, _ => world.StartModel());
        var longBriefing = "You review every change of the shop. " + string.Concat(Enumerable.Range(0, 900).Select(i => $"Rule {i:000}: read it whole. ")) + "THE-END-OF-THE-BRIEFING";
        var briefings = new Dictionary<string, string>
        {
            ["gestor"] = "You coordinate the shop's team and talk to the person.",
            ["dev"] = "You write the shop's code and ping reviewer when done.",
            ["reviewer"] = longBriefing,
        };
        longBriefing.Length.Should().BeGreaterThan(20_000);
        var teamFile = Path.Combine(world.Project, "session-bridge.json");
        await File.WriteAllTextAsync(teamFile, JsonSerializer.Serialize(new
        {
            name = "shop",
            command = await world.ClaudeLauncherAsync(),
            roles = RoleNames.ToDictionary(r => r, r => new { briefing = briefings[r], env = new Dictionary<string, string> { ["ANTHROPIC_BASE_URL"] = models[r].BaseUrl } }),
        }), TestContext.Current.CancellationToken);

        // Act 1: up.
        var first = await UpAsync(world, teamFile);

        // Assert 1: three sessions started and registered; each one's first request carries its briefing.
        first.Select(r => (r.Role, r.Action, r.State)).Should().Equal(RoleNames.Select(r => (r, "started", "idle")), await world.DescribeAsync());
        var sessions = first.ToDictionary(r => r.Role, r => world.Adopt(r.Role, r.Pane, world.Project, models[r.Role]));
        foreach (var role in RoleNames)
        {
            models[role].Enqueue(Turn.Reply($"{role} here."));
            await sessions[role].TypeAsync($"Hello {role}, remember the word teapot-{role}.");
            var request = await sessions[role].WaitForRequestAsync(r => r.IsMain, $"{role}'s first request");
            if (role == "reviewer")
            {
                request.ContextText.Should().Contain("You review every change of the shop. Rule 000").And.Contain("get_prompt");
                request.ContextText.Should().NotContain("THE-END-OF-THE-BRIEFING", "Claude Code keeps about 10,000 characters of a hook's context");
            }
            else
            {
                request.ContextText.Should().Contain(briefings[role]);
            }

            await sessions[role].WaitForScreenAsync(s => s.Contains($"{role} here.", StringComparison.Ordinal), "its answer");
        }

        var peers = await Eventually.ReadAsync(
            () => PeersAsync(world),
            p => p.Count == 3 && p.All(x => x.Status == "alive" && x.State == "idle"),
            "three live idle peers",
            TimeSpan.FromSeconds(30));
        peers.Select(p => p.Role).Should().BeEquivalentTo(RoleNames);

        // Act 2: up again.
        var second = await UpAsync(world, teamFile);

        // Assert 2: nothing changes.
        second.Select(r => (r.Role, r.Pane, r.SessionId, r.Action)).Should().Equal(first.Select(r => (r.Role, r.Pane, r.SessionId, "kept")));

        // Act 3: dev's pane is killed, then up.
        await sessions["dev"].KillAsync();
        var third = await UpAsync(world, teamFile);

        // Assert 3: dev is resumed, and its next request holds its earlier conversation.
        var dev = third.Single(r => r.Role == "dev");
        (dev.Action, dev.SessionId).Should().Be(("resumed", first.Single(r => r.Role == "dev").SessionId), await world.DescribeAsync());
        third.Where(r => r.Role != "dev").Select(r => r.Action).Should().AllBe("kept");
        var resumedDev = world.Adopt("dev", dev.Pane, world.Project, models["dev"]);
        var before = models["dev"].MainRequests.Count;
        models["dev"].Enqueue(Turn.Reply("You said teapot-dev."));
        await resumedDev.TypeAsync("Which word did I ask you to remember?");
        var next = await resumedDev.WaitForRequestAsync(r => r.IsMain && r.Number > before && r.LastUserText.Contains("Which word", StringComparison.Ordinal), "dev's request after resuming");
        next.UserTexts.Should().Contain(t => t.Contains("remember the word teapot-dev", StringComparison.Ordinal), "the resumed session has its conversation");

        // Act 4: the whole tmux server is killed, then up.
        await world.Tmux.Tmux("kill-server");
        var fourth = await UpAsync(world, teamFile);

        // Assert 4: all three come back, resumed, with their session ids.
        fourth.Select(r => (r.Role, r.Action, r.SessionId, r.State)).Should().Equal(
            first.Select(r => (r.Role, "resumed", r.SessionId, "idle")), await world.DescribeAsync());

        // Act 5: down.
        var pids = new List<int>();
        foreach (var role in fourth)
            pids.Add(int.Parse(await world.Tmux.DisplayAsync(role.Pane, "#{pane_pid}")));
        var down = await world.Bridge().RunAsync("down", "--file", teamFile, "--json");

        // Assert 5: no Claude Code left running; the state stays for the next up.
        down.ExitCode.Should().Be(0, down.StandardOutput + down.StandardError);
        JsonDocument.Parse(down.StandardOutput).RootElement.GetProperty("roles").EnumerateArray()
            .Select(r => r.GetProperty("action").GetString()).Should().AllBe("exited", down.StandardOutput);
        await Eventually.WaitAsync(() => pids.All(pid => !Directory.Exists($"/proc/{pid}")), "every Claude Code to be gone");
        (await PeersAsync(world)).Select(p => p.State).Should().AllBe("stopped");
        var prompts = await world.Bridge().RunAsync("prompt", "list", "--team", "shop", "--json");
        prompts.StandardOutput.Should().Contain("You write the shop's code");
        var sessionIds = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(world.State, "teams", "shop", "sessions.json"), TestContext.Current.CancellationToken)).RootElement.GetProperty("roles");
        RoleNames.Select(r => sessionIds.GetProperty(r).GetProperty("sessionId").GetString()).Should().Equal(first.Select(r => r.SessionId));
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Up_reports_the_folder_trust_dialog_untouched_and_with_trust_answers_it_and_goes_on()
    {
        // Arrange: a role whose folder Claude Code has never been told to trust.
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var model = world.StartModel();
        var lab = Path.Combine(world.Home, "lab");
        Directory.CreateDirectory(lab);
        var teamFile = Path.Combine(lab, "session-bridge.json");
        await File.WriteAllTextAsync(teamFile, JsonSerializer.Serialize(new
        {
            name = "lab",
            command = await world.ClaudeLauncherAsync(),
            roles = new { scout = new { briefing = "You scout the lab.", env = new Dictionary<string, string> { ["ANTHROPIC_BASE_URL"] = model.BaseUrl } } },
        }), TestContext.Current.CancellationToken);

        // Act
        var waiting = (await UpAsync(world, teamFile)).Single();
        var screen = await world.Tmux.CaptureAsync(waiting.Pane);
        var trusted = (await UpAsync(world, teamFile, "--trust")).Single();

        // Assert
        waiting.Action.Should().Be("waiting", await world.DescribeAsync());
        waiting.Detail.Should().Contain("Is this a project you created or one you trust?");
        waiting.Answer.Should().Contain("session-bridge up --trust");
        screen.Should().Contain("Yes, I trust this folder").And.Contain(lab);
        trusted.Action.Should().Be("kept", "the session waiting on the dialog is answered, not started again");
        trusted.Pane.Should().Be(waiting.Pane);
        trusted.State.Should().Be("idle");
        var session = world.Adopt("scout", trusted.Pane, lab, model);
        model.Enqueue(Turn.Reply("scouting."));
        await session.TypeAsync("Who are you?");
        (await session.WaitForRequestAsync(r => r.IsMain, "scout's first request")).ContextText.Should().Contain("You scout the lab.");
    }

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Two_ups_with_trust_at_once_in_two_folders_never_trusted_both_come_up()
    {
        // Arrange: two folders Claude Code was never told to trust, each with a team of its own.
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var teams = new List<(string Folder, string File, string Role)>();
        foreach (var (team, role) in new[] { ("north", "scout"), ("south", "miner") })
        {
            var model = world.StartModel();
            var folder = Path.Combine(world.Home, team);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, "session-bridge.json");
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
            {
                name = team,
                command = await world.ClaudeLauncherAsync(),
                roles = new Dictionary<string, object> { [role] = new { briefing = $"You are the {role}.", env = new Dictionary<string, string> { ["ANTHROPIC_BASE_URL"] = model.BaseUrl } } },
            }), TestContext.Current.CancellationToken);
            teams.Add((folder, file, role));
        }

        // Act
        var both = await Task.WhenAll(teams.Select(t => UpAsync(world, t.File, "--trust")));

        // Assert
        var roles = both.SelectMany(b => b).ToList();
        roles.Select(r => (r.Role, r.Action, r.State)).Should().Equal([("scout", "started", "idle"), ("miner", "started", "idle")], await world.DescribeAsync());
        foreach (var role in roles)
            (await world.Tmux.CaptureAsync(role.Pane)).Should().NotContain("isn't trusted");
        var projects = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(world.Home, ".claude.json"), TestContext.Current.CancellationToken))!["projects"]!;
        teams.Select(t => projects[t.Folder]?["hasTrustDialogAccepted"]?.GetValue<bool>()).Should().AllBeEquivalentTo(true);
    }

    private sealed record Outcome(string Role, string Pane, string State, string SessionId, string Action, string? Detail, string? Answer);

    private sealed record PeerRow(string Role, string Status, string State);

    private static async Task<IReadOnlyList<Outcome>> UpAsync(ClaudeWorld world, string teamFile, params string[] more)
    {
        var result = await world.Bridge().RunAsync(["up", teamFile, "--json", "--timeout", "50", .. more]);
        var root = JsonDocument.Parse(result.StandardOutput).RootElement;
        root.TryGetProperty("roles", out var roles).Should().BeTrue(result.StandardOutput + result.StandardError);
        return [.. roles.EnumerateArray().Select(r => new Outcome(
            r.GetProperty("role").GetString()!,
            r.TryGetProperty("pane", out var pane) ? pane.GetString()! : "",
            r.GetProperty("state").GetString()!,
            r.TryGetProperty("sessionId", out var id) ? id.GetString()! : "",
            r.GetProperty("action").GetString()!,
            r.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
            r.TryGetProperty("answer", out var answer) ? answer.GetString() : null))];
    }

    private static async Task<IReadOnlyList<PeerRow>> PeersAsync(ClaudeWorld world)
    {
        // The command line runs in HOME, outside the team's folder: it names the team.
        var result = await world.Bridge().RunAsync("peers", "--team", "shop", "--json");
        return [.. JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("peers").EnumerateArray()
            .Select(p => new PeerRow(p.GetProperty("role").GetString()!, p.GetProperty("status").GetString()!, p.GetProperty("state").GetString()!))];
    }
}
