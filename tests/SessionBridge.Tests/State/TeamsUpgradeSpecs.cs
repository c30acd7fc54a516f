using SessionBridge.State;

namespace SessionBridge.Tests.State;

/// <summary>
/// A state directory written before teams (every shared file at its root) is moved into teams/ the first time this
/// version opens it: each role to the team its folder resolves to, with everything it had; the rest to default.
/// </summary>
public sealed class TeamsUpgradeSpecs : IDisposable
{
    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _withFile = new("alpha-project");
    private readonly TempDirectory _upRanHere = new("beta-project");
    private readonly TempDirectory _elsewhere = new("scratch");

    private static readonly TimeSpan Lock = TimeSpan.FromSeconds(10);

    private static string Registration(string role, string pane, string cwd) =>
        $$"""
        "{{role}}":{"role":"{{role}}","pane":"{{pane}}","cwd":"{{cwd}}","registeredAt":"2025-01-01T00:00:00+00:00","lastSeen":"2025-01-01T00:00:00+00:00"}
        """;

    private static string Session(string role, string team) =>
        $$"""
        "{{role}}":{"role":"{{role}}","team":"{{team}}","sessionId":"s-{{role}}","startedAt":"2025-01-01T00:00:00+00:00"}
        """;

    private static string Message(string id, string from, string to, string text) =>
        $$"""{"id":"{{id}}","ts":"2025-01-01T00:00:0{{id[^1]}}+00:00","from":"{{from}}","to":"{{to}}","text":"{{text}}","delivered":true,"submitted":true}""";

    /// <summary>What the previous version left: alpha's gestor (a team file), beta's dev and reviewer (up ran there, no file), a hand-registered helper.</summary>
    private void WriteOldLayout()
    {
        File.WriteAllText(Path.Combine(_withFile.Path, "session-bridge.json"), """{ "name": "alpha", "roles": { "gestor": {} } }""");
        var root = _state.Path;
        File.WriteAllText(
            Path.Combine(root, "registry.json"),
            "{\"peers\":{"
                + string.Join(",", Registration("gestor", "%1", _withFile.Path), Registration("dev", "%2", _upRanHere.Path), Registration("reviewer", "%3", _upRanHere.Path), Registration("helper", "%4", _elsewhere.Path))
                + "}}"
        );
        var beta = Path.GetFileName(_upRanHere.Path);
        File.WriteAllText(
            Path.Combine(root, "sessions.json"),
            "{\"roles\":{" + string.Join(",", Session("gestor", "alpha"), Session("dev", beta), Session("reviewer", beta)) + "}}"
        );
        File.WriteAllText(
            Path.Combine(root, "prompts.json"),
            """{"prompts":{"gestor":{"role":"gestor","prompt":"You coordinate.","updatedAt":"2025-01-01T00:00:00+00:00"},"dev":{"role":"dev","prompt":"You build.","updatedAt":"2025-01-01T00:00:00+00:00"}}}"""
        );
        File.WriteAllText(
            Path.Combine(root, "supervision.json"),
            """{"roles":{"dev":{"role":"dev","supervisor":"reviewer","since":"2025-01-01T00:00:00+00:00"}}}"""
        );
        File.WriteAllLines(
            Path.Combine(root, "conversation.jsonl"),
            [Message("m1", "gestor", "gestor", "note to self"), Message("m2", "reviewer", "dev", "fix the test"), Message("m3", "human", "helper", "look"), Message("m4", "human", "ghost", "anyone?")]
        );
        Directory.CreateDirectory(Path.Combine(root, "mailbox"));
        File.WriteAllLines(Path.Combine(root, "mailbox", "dev.jsonl"), [Message("m2", "reviewer", "dev", "fix the test")]);
        File.WriteAllText(Path.Combine(root, "mailbox", "dev.read.json"), """{"lastReadId":"m2"}""");
        Directory.CreateDirectory(Path.Combine(root, "held"));
        File.WriteAllText(Path.Combine(root, "held", "reviewer.json"), "{\"messages\":[" + Message("m5", "dev", "reviewer", "review me") + "]}");
        Directory.CreateDirectory(Path.Combine(root, "presence"));
        File.WriteAllText(Path.Combine(root, "presence", "%1.json"), "{}");
    }

    private StateStore Team(string team) => new(new StateDirectory(_state.Path, team), Lock, TimeProvider.System);

    [Fact]
    public void An_upgraded_state_directory_keeps_every_role_in_the_team_its_folder_resolves_to()
    {
        // Arrange
        WriteOldLayout();
        var beta = Path.GetFileName(_upRanHere.Path);

        // Act: the first open upgrades; the second finds it done.
        var alpha = Team("alpha");
        var again = Team("alpha");
        var marker = File.ReadAllText(Path.Combine(_state.Path, "teams", TeamsUpgrade.MarkerName)).Trim();

        // Assert: alpha, by its team file.
        alpha.Registry.All().Select(p => p.Role).Should().Equal("gestor");
        alpha.Sessions.Find(RoleName.Parse("gestor"))!.SessionId.Should().Be("s-gestor");
        alpha.Prompts.Find(RoleName.Parse("gestor"))!.Prompt.Should().Be("You coordinate.");
        alpha.Messages.History(10).Records.Select(m => m.Text).Should().Equal("note to self");
        again.Registry.All().Should().HaveCount(1);
        marker.Should().Be(TeamsUpgrade.Layout);

        // beta: up ran in its folder without a file, so teams.json now records it and the folder finds it again.
        TeamResolver.Resolve(null, _upRanHere.Path, _state.Path).Should().Be(beta);
        TeamResolver.Resolve(null, _withFile.Path, _state.Path).Should().Be("alpha");
        var betaStore = Team(beta);
        betaStore.Registry.All().Select(p => p.Role).Should().Equal("dev", "reviewer");
        betaStore.Sessions.All().Select(s => s.SessionId).Should().BeEquivalentTo("s-dev", "s-reviewer");
        betaStore.Prompts.Find(RoleName.Parse("dev"))!.Prompt.Should().Be("You build.");
        betaStore.Supervision.All().Should().ContainSingle(e => e.Role == "dev" && e.Supervisor == "reviewer");
        betaStore.Messages.Inbox(RoleName.Parse("dev"), 10).Records.Select(m => m.Text).Should().Equal("fix the test");
        betaStore.Messages.LastReadId(RoleName.Parse("dev")).Should().Be("m2");
        betaStore.Held.Read(RoleName.Parse("reviewer")).Select(m => m.Text).Should().Equal("review me");
        betaStore.Messages.History(10).Records.Select(m => m.Text).Should().Equal("fix the test");

        // default: what belongs to no team's folder.
        var fallback = Team(TeamName.Default);
        fallback.Registry.All().Select(p => p.Role).Should().Equal("helper");
        fallback.Messages.History(10).Records.Select(m => m.Text).Should().Equal("look", "anyone?");

        // Presence stays machine-wide; nothing shared is left at the root.
        File.Exists(Path.Combine(_state.Path, "presence", "%1.json")).Should().BeTrue();
        new[] { "registry.json", "sessions.json", "prompts.json", "supervision.json", "conversation.jsonl", "mailbox", "held" }
            .Should().OnlyContain(name => !Path.Exists(Path.Combine(_state.Path, name)));
    }

    [Fact]
    public void A_new_state_directory_is_left_as_it_is_and_a_missing_one_is_not_created()
    {
        // Arrange
        var missing = Path.Combine(_state.Path, "not-yet");

        // Act
        _ = new StateStore(new StateDirectory(missing), Lock, TimeProvider.System);
        _ = Team("alpha");

        // Assert
        Directory.Exists(missing).Should().BeFalse("the hook opens the store and must never create the state directory");
        Directory.EnumerateFileSystemEntries(_state.Path).Should().BeEmpty("there was nothing to upgrade");
    }

    [Fact]
    public void Teams_do_not_share_briefings()
    {
        // Arrange
        var alpha = new StateDirectory(_state.Path, "alpha");
        alpha.EnsureCreated();

        // Act
        Team("alpha").Prompts.Save(new SavedPrompt("dev", "You build.", DateTimeOffset.UnixEpoch));

        // Assert
        Team("alpha").Prompts.Find(RoleName.Parse("dev"))!.Prompt.Should().Be("You build.");
        Team("beta").Prompts.Find(RoleName.Parse("dev")).Should().BeNull();
        File.Exists(Path.Combine(_state.Path, "teams", "alpha", "prompts.json")).Should().BeTrue();
    }

    public void Dispose()
    {
        _state.Dispose();
        _withFile.Dispose();
        _upRanHere.Dispose();
        _elsewhere.Dispose();
    }
}
