using SessionBridge.State;

namespace SessionBridge.Tests.State;

/// <summary>
/// A state directory written before teams (one team, every shared file at its root) is upgraded in place the first
/// time this version opens it: each role whose folder resolves to a team moves to teams/&lt;team&gt;/ with everything
/// it had; the rest stays at the root, the default team's place.
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

    /// <summary>What every program does first: the upgrade, then its store.</summary>
    private async Task<StateStore> OpenAsync(string team)
    {
        var directory = new StateDirectory(_state.Path, team);
        await TeamsUpgrade.EnsureAsync(directory, Lock, Ct);
        return new(directory, Lock, TimeProvider.System);
    }

    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<IEnumerable<string>> Roles(StateStore store) => (await store.Registry.AllAsync(Ct)).Select(p => p.Role);

    private static async Task<IEnumerable<string>> Conversation(StateStore store) => (await store.Messages.HistoryAsync(10, null, Ct)).Records.Select(m => m.Text);

    [Fact]
    public async Task An_upgraded_state_directory_keeps_every_role_in_the_team_its_folder_resolves_to()
    {
        // Arrange
        WriteOldLayout();
        var beta = Path.GetFileName(_upRanHere.Path);
        var dev = RoleName.Parse("dev");

        // Act: the first open upgrades; the second finds it done.
        var alpha = await OpenAsync("alpha");
        var again = await OpenAsync("alpha");
        var marker = File.ReadAllText(Path.Combine(_state.Path, "teams", TeamsUpgrade.MarkerName)).Trim();

        // Assert: alpha, by its team file.
        (await Roles(alpha)).Should().Equal("gestor");
        (await alpha.Sessions.FindAsync(RoleName.Parse("gestor"), Ct))!.SessionId.Should().Be("s-gestor");
        (await alpha.Prompts.FindAsync(RoleName.Parse("gestor"), Ct))!.Prompt.Should().Be("You coordinate.");
        (await Conversation(alpha)).Should().Equal("note to self");
        (await Roles(again)).Should().HaveCount(1);
        marker.Should().Be(TeamsUpgrade.Layout);

        // beta: up ran in its folder without a file, so teams.json now records it and the folder finds it again.
        TeamResolver.Resolve(null, _upRanHere.Path, _state.Path).Should().Be(beta);
        TeamResolver.Resolve(null, _withFile.Path, _state.Path).Should().Be("alpha");
        var betaStore = Team(beta);
        (await Roles(betaStore)).Should().Equal("dev", "reviewer");
        (await betaStore.Sessions.AllAsync(Ct)).Select(s => s.SessionId).Should().BeEquivalentTo("s-dev", "s-reviewer");
        (await betaStore.Prompts.FindAsync(dev, Ct))!.Prompt.Should().Be("You build.");
        (await betaStore.Supervision.AllAsync(Ct)).Should().ContainSingle(e => e.Role == "dev" && e.Supervisor == "reviewer");
        (await betaStore.Messages.InboxAsync(dev, 10, null, Ct)).Records.Select(m => m.Text).Should().Equal("fix the test");
        (await betaStore.Messages.LastReadIdAsync(dev, Ct)).Should().Be("m2");
        (await betaStore.Held.ReadAsync(RoleName.Parse("reviewer"), Ct)).Select(m => m.Text).Should().Equal("review me");
        (await Conversation(betaStore)).Should().Equal("fix the test");

        // default: what belongs to no team's folder stays at the root, where an older hook still finds it.
        var fallback = Team(TeamName.Default);
        (await Roles(fallback)).Should().Equal("helper");
        (await Conversation(fallback)).Should().Equal("look", "anyone?");
        (await Roles(new StateStore(new StateDirectory(_state.Path), Lock, TimeProvider.System))).Should().Equal("helper");

        // Presence stays machine-wide; what moved is gone from the root.
        File.Exists(Path.Combine(_state.Path, "presence", "%1.json")).Should().BeTrue();
        new[] { "mailbox/dev.jsonl", "mailbox/dev.read.json", "held/reviewer.json" }
            .Should().OnlyContain(name => !Path.Exists(Path.Combine(_state.Path, name)));
    }

    [Fact]
    public async Task A_directory_with_only_the_default_team_is_left_where_it_is()
    {
        // Arrange: a role registered in a folder no team names.
        File.WriteAllText(Path.Combine(_state.Path, "registry.json"), "{\"peers\":{" + Registration("helper", "%4", _elsewhere.Path) + "}}");
        Directory.CreateDirectory(Path.Combine(_state.Path, "mailbox"));
        File.WriteAllLines(Path.Combine(_state.Path, "mailbox", "helper.jsonl"), [Message("m1", "human", "helper", "look")]);

        // Act
        var store = await OpenAsync(TeamName.Default);

        // Assert
        (await Roles(store)).Should().Equal("helper");
        (await store.Messages.InboxAsync(RoleName.Parse("helper"), 10, null, Ct)).Records.Select(m => m.Text).Should().Equal("look");
        File.Exists(Path.Combine(_state.Path, "mailbox", "helper.jsonl")).Should().BeTrue();
    }

    [Fact]
    public async Task A_new_state_directory_is_left_as_it_is_and_a_missing_one_is_not_created()
    {
        // Arrange
        var missing = Path.Combine(_state.Path, "not-yet");

        // Act
        await TeamsUpgrade.EnsureAsync(new StateDirectory(missing), Lock, Ct);
        _ = await OpenAsync("alpha");

        // Assert
        Directory.Exists(missing).Should().BeFalse("the hook opens the store and must never create the state directory");
        Directory.EnumerateFileSystemEntries(_state.Path).Should().BeEmpty("there was nothing to upgrade");
    }

    [Fact]
    public async Task Teams_do_not_share_briefings()
    {
        // Arrange
        var alpha = new StateDirectory(_state.Path, "alpha");
        alpha.EnsureCreated();

        // Act
        await Team("alpha").Prompts.SaveAsync(new SavedPrompt("dev", "You build.", DateTimeOffset.UnixEpoch), Ct);

        // Assert
        (await Team("alpha").Prompts.FindAsync(RoleName.Parse("dev"), Ct))!.Prompt.Should().Be("You build.");
        (await Team("beta").Prompts.FindAsync(RoleName.Parse("dev"), Ct)).Should().BeNull();
        (await Team(TeamName.Default).Prompts.FindAsync(RoleName.Parse("dev"), Ct)).Should().BeNull();
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
