using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using SessionBridge.Bridge;
using SessionBridge.State;
using SessionBridge.Team;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Team;

/// <summary>
/// What the up and down specs share: a private tmux server, a state directory, a team folder, and a team of three
/// whose <c>claude</c> is the scripted stand-in (Fakes/fake_claude_cli.py, run as a process named claude) that
/// takes Claude Code's flags, keeps its sessions in a folder of its own and runs the real hook at its start.
/// </summary>
public abstract class TeamRig(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    protected PrivateTmuxServer Tmux { get; } = tmux;

    protected TempDirectory StateDir { get; } = new("state");

    /// <summary>The team's folder: where its sessions start.</summary>
    protected TempDirectory TeamFolder { get; } = new("team");

    /// <summary>The fake Claude Code's own folder: its sessions, its starts, the context its hook gave it.</summary>
    protected TempDirectory ClaudeHome { get; } = new("claude");

    /// <summary>Each spec's team has a tmux session of its own on the class's server.</summary>
    protected string TeamName { get; } = "team-" + Guid.NewGuid().ToString("N")[..8];

    private protected StateStore Store => new(new StateDirectory(StateDir.Path), TimeSpan.FromSeconds(10), TimeProvider.System);

    private protected BridgeOptions Options => TestBridge.Options(StateDir.Path) with { CallerSocket = null };

    private protected async Task<TeamDefinition> TeamAsync(
        IReadOnlyDictionary<string, string>? env = null,
        string? command = null,
        TeamLayout layout = TeamLayout.Windows,
        IReadOnlyDictionary<string, string>? briefings = null,
        IReadOnlyDictionary<string, string[]>? supervises = null
    )
    {
        var program = command ?? await FakeClaudeAsync();
        var teamEnv = new Dictionary<string, string>
        {
            ["FAKE_CLAUDE_DIR"] = ClaudeHome.Path,
            ["FAKE_CLAUDE_HOOK"] = BuiltExecutables.Hook,
            ["CLAUDE_CONFIG_DIR"] = ClaudeConfig,
            ["TEAM_VAR"] = "from the team",
        };
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
            teamEnv[key] = value;
        RoleDefinition Role(string name, string? briefing = null, string? model = null) => new(
            RoleName.Parse(name),
            briefings?.GetValueOrDefault(name) ?? briefing ?? $"You are {name}.",
            null,
            false,
            TeamFolder.Path,
            null,
            model,
            [],
            name == "dev" ? new Dictionary<string, string> { ["ROLE_VAR"] = "dev only" } : new Dictionary<string, string>(),
            null,
            [.. (supervises?.GetValueOrDefault(name) ?? []).Select(r => RoleName.Parse(r))]
        );
        return new TeamDefinition(
            TeamName,
            layout,
            program,
            teamEnv,
            [Role("gestor"), Role("dev", model: "sonnet"), Role("reviewer")],
            TeamFolder.Path,
            null
        );
    }

    private protected TeamUpOptions Run(bool trust = false, bool force = false, Action<string, string>? progress = null, int seconds = 30) =>
        new(Tmux.Socket, trust, force, TimeSpan.FromSeconds(seconds), (160, 45), progress);

    private protected async Task<TeamUpResult> UpAsync(TeamDefinition team, TeamUpOptions? run = null, CancellationToken? cancellation = null) =>
        await new TeamUp(Options, Store, TimeProvider.System).RunAsync(team, run ?? Run(), cancellation ?? TestContext.Current.CancellationToken);

    private protected async Task<TeamDownResult> DownAsync(params string[] roles) =>
        await new TeamDown(Options, Store, TimeProvider.System).RunAsync(
            [.. roles.Select(r => RoleName.Parse(r))],
            TimeSpan.FromSeconds(10),
            TestContext.Current.CancellationToken
        );

    /// <summary>
    /// The fake Claude Code as one program named <c>claude</c>, as a team file names it: a script that execs python
    /// (under the name claude) on Fakes/fake_claude_cli.py, so the pane's process is a claude.
    /// </summary>
    protected async Task<string> FakeClaudeAsync()
    {
        var path = ClaudeHome.Combine("bin", "claude");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $"#!/bin/sh\nexec '{await Tmux.NamedClaudeAsync("python3")}' '{BuiltExecutables.Fake("fake_claude_cli.py")}' \"$@\"\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>The fake Claude Code's config folder (CLAUDE_CONFIG_DIR): where it keeps transcripts, as Claude Code does.</summary>
    protected string ClaudeConfig => ClaudeHome.Combine("config");

    /// <summary>
    /// Each role of <paramref name="up"/> has a turn (a message submitted in its pane), so its session has a transcript
    /// and is one up resumes; a session that never had one starts fresh.
    /// </summary>
    private protected async Task HaveATurnAsync(TeamUpResult up)
    {
        foreach (var role in up.Roles)
        {
            await Tmux.TypeAsync(role.Pane!, $"hello {role.Role}");
            await Eventually.WaitAsync(
                () => Directory.Exists(Path.Combine(ClaudeConfig, "projects"))
                    && Directory.EnumerateFiles(Path.Combine(ClaudeConfig, "projects"), role.SessionId + ".jsonl", SearchOption.AllDirectories).Any(),
                $"{role.Role}'s transcript"
            );
        }
    }

    /// <summary>Each start of the fake Claude Code: its argv, cwd and environment.</summary>
    protected IReadOnlyList<FakeStart> Starts()
    {
        var path = Path.Combine(ClaudeHome.Path, "starts.jsonl");
        return File.Exists(path)
            ? [.. File.ReadAllLines(path).Select(l => JsonSerializer.Deserialize<FakeStart>(l, FakeStart.Json)!)]
            : [];
    }

    /// <summary>What the SessionStart hook gave the fake Claude Code of <paramref name="role"/> (one entry per start).</summary>
    protected string[] ContextOf(string role)
    {
        var path = Path.Combine(ClaudeHome.Path, $"context-{role}.txt");
        return File.Exists(path) ? File.ReadAllText(path).Split('\0', StringSplitOptions.RemoveEmptyEntries) : [];
    }

    /// <summary>Every pane of the team's tmux session: pane id and the role up marked it with.</summary>
    protected async Task<IReadOnlyList<(string Pane, string Role)>> PanesAsync()
    {
        var result = await Cli.Wrap("tmux")
            .WithArguments(["-S", Tmux.Socket, "list-panes", "-s", "-t", "=" + TeamName, "-F", "#{pane_id} #{@session-bridge-role}"])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        return result.ExitCode != 0
            ? []
            : [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Select(f => (f[0], f.Length > 1 ? f[1] : ""))];
    }

    public void Dispose()
    {
        StateDir.Dispose();
        TeamFolder.Dispose();
        ClaudeHome.Dispose();
        GC.SuppressFinalize(this);
    }
}
