using System.Text;
using System.Text.Json.Nodes;
using CliWrap;
using CliWrap.Buffered;
using SessionBridge.EndToEnd.Model;

namespace SessionBridge.EndToEnd.Claude;

/// <summary>
/// A private world for real Claude Code sessions: a temp HOME (onboarding done, the API key approved, the
/// project trusted, our tools allowed, optionally the hook on every event, wired by <c>session-bridge install</c>
/// as a user wires it), a project whose <c>.mcp.json</c>
/// starts the built session-bridge, a temp state directory, and a private tmux server. Nothing of the user's
/// (~/.claude, their tmux server, their API key) is read or touched; no request leaves 127.0.0.1.
/// </summary>
public sealed class ClaudeWorld : IAsyncDisposable
{
    /// <summary>A made-up key: Claude Code only needs one that looks real and that .claude.json approved.</summary>
    private const string ApiKey = "sk-ant-api03-sessionbridge-e2e-0000000000000000000000000000000000000000000000000000000000";

    private readonly TempDirectory _root = new("e2e");
    private readonly List<ClaudeSession> _sessions = [];
    private readonly List<ScriptedModel> _models = [];
    private readonly string _claude;
    private readonly string _version;
    private readonly IReadOnlyDictionary<string, string> _extraEnvironment;

    private ClaudeWorld(string claude, string version, PrivateTmuxServer tmux, IReadOnlyDictionary<string, string> environment)
    {
        _claude = claude;
        _version = version;
        _extraEnvironment = environment;
        Tmux = tmux;
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Project);
        Directory.CreateDirectory(State);
    }

    public PrivateTmuxServer Tmux { get; }

    public string Home => _root.Combine("home");

    public string Project => _root.Combine("project");

    public string State => _root.Combine("state");

    public static string ServerExecutable => BuiltExecutables.Server;

    public string SettingsPath => Path.Combine(Home, ".claude", "settings.json");

    /// <summary>The session-bridge command line as a person in this world runs it: its state directory, HOME and tmux server.</summary>
    public CliProcess Bridge(string? pane = null) => new(State, Home, Tmux, pane);

    /// <param name="installation">The Claude Code to run.</param>
    /// <param name="hook">
    /// The hook executable to wire on every event with <c>session-bridge install --hook … --settings …</c>, as a
    /// user does; none when null (the sessions then have no hooks, and every state comes from the screen).
    /// </param>
    /// <param name="environment">More variables for every session (and so its session-bridge server and hooks).</param>
    public static async Task<ClaudeWorld> CreateAsync(
        ClaudeInstallation installation,
        string? hook = null,
        IReadOnlyDictionary<string, string>? environment = null
    )
    {
        var claude = installation.Require();
        var tmux = new PrivateTmuxServer();
        await tmux.InitializeAsync();
        var world = new ClaudeWorld(claude, installation.Version.Split(' ')[0], tmux, environment ?? new Dictionary<string, string>());
        world.WriteSettings();
        if (hook is not null)
            await world.InstallHookAsync(hook);
        return world;
    }

    /// <summary>Starts <paramref name="command"/> (not Claude Code) in a new pane of the world's tmux server.</summary>
    public Task<string> StartPaneAsync(string command) => Tmux.StartPaneAsync(command);

    /// <summary>Starts Claude Code in a new pane of the private tmux server, talking to its own scripted model.</summary>
    public Task<ClaudeSession> StartSessionAsync(string name, int width = 160, int height = 45) =>
        StartSessionAsync(name, new SessionOptions { Width = width, Height = height });

    /// <summary>
    /// Starts Claude Code with <paramref name="options"/>: its size, command-line arguments, a working directory
    /// other than the trusted project, and whether to wait for the idle input box.
    /// </summary>
    public async Task<ClaudeSession> StartSessionAsync(string name, SessionOptions options)
    {
        var model = ScriptedModel.Start();
        var launcher = _root.Combine($"launch-{name}.sh");
        var lines = new List<string>
        {
            "#!/bin/sh",
            "# Forget any outer Claude Code or API client: this session talks only to its scripted model.",
        };
        lines.AddRange(InheritedToForget().Select(v => $"unset {v}"));
        lines.AddRange(Environment(model).Select(kv => $"export {kv.Key}='{kv.Value}'"));
        lines.Add($"cd '{options.Directory ?? Project}'");
        lines.Add($"exec '{_claude}'" + string.Concat(options.Arguments.Select(a => $" '{a}'")));
        await File.WriteAllLinesAsync(launcher, lines);

        var pane = await Tmux.StartPaneAsync($"exec sh '{launcher}'", options.Width, options.Height);
        var session = new ClaudeSession(name, pane, options.Directory ?? Project, model, this);
        _sessions.Add(session);
        if (options.WaitUntilReady)
            await session.WaitUntilReadyAsync();
        return session;
    }

    /// <summary>A scripted model of its own for a session this world does not start itself (one <c>up</c> starts).</summary>
    public ScriptedModel StartModel()
    {
        var model = ScriptedModel.Start();
        _models.Add(model);
        return model;
    }

    /// <summary>
    /// A <c>claude</c> for a team file's <c>command</c>: it forgets any outer Claude Code or API client, takes this
    /// world's HOME, key and state, and execs the real Claude Code with its arguments. Each role's model comes
    /// from the role's <c>ANTHROPIC_BASE_URL</c> (the team file's <c>env</c>).
    /// </summary>
    public async Task<string> ClaudeLauncherAsync()
    {
        var launcher = _root.Combine("bin", "claude");
        Directory.CreateDirectory(Path.GetDirectoryName(launcher)!);
        var lines = new List<string> { "#!/bin/sh", "model=\"$ANTHROPIC_BASE_URL\"" };
        lines.AddRange(InheritedToForget().Select(v => $"unset {v}"));
        lines.AddRange(Environment(null).Select(kv => $"export {kv.Key}='{kv.Value}'"));
        lines.Add("[ -n \"$model\" ] && export ANTHROPIC_BASE_URL=\"$model\"");
        lines.Add($"exec '{_claude}' \"$@\"");
        await File.WriteAllLinesAsync(launcher, lines);
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return launcher;
    }

    /// <summary>A session in <paramref name="pane"/> that something else started (<c>session-bridge up</c>), to drive and describe.</summary>
    public ClaudeSession Adopt(string name, string pane, string directory, ScriptedModel model)
    {
        var session = new ClaudeSession(name, pane, directory, model, this);
        _sessions.Add(session);
        return session;
    }

    /// <summary>Runs <c>claude &lt;arguments&gt;</c> as a plain process in the project, with this world's HOME.</summary>
    public async Task<BufferedCommandResult> RunClaudeAsync(params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Cli.Wrap(_claude)
            .WithArguments(arguments)
            .WithWorkingDirectory(Project)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(env =>
            {
                foreach (var name in InheritedToForget())
                    env.Set(name, null);
                foreach (var (key, value) in Environment(null))
                    env.Set(key, value);
                env.Set("TMUX", null).Set("TMUX_PANE", null);
            })
            .ExecuteBufferedAsync(timeout.Token);
    }

    /// <summary>Every session's screen and model traffic, for a failure message.</summary>
    public async Task<string> DescribeAsync()
    {
        var parts = new List<string>();
        foreach (var session in _sessions)
            parts.Add(await session.DescribeAsync());
        return string.Join("\n", parts);
    }

    public async ValueTask DisposeAsync()
    {
        // Killing the tmux server hangs up every Claude Code in it, and with them their session-bridge servers.
        await Tmux.DisposeAsync();
        foreach (var model in _sessions.Select(s => s.Model).Concat(_models).Distinct())
            await model.DisposeAsync();

        // Claude Code (and helpers it leaves behind for a moment) write into HOME while they exit: delete it only
        // once no process with this HOME is left.
        try
        {
            await Eventually.WaitAsync(() => !HomeProcesses.Of(Home).Any(), "the processes with this HOME to exit");
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Delete what can be deleted; a straggler only leaves a few files in /tmp.
        }

        _root.Dispose();
    }

    private Dictionary<string, string> Environment(ScriptedModel? model)
    {
        var environment = BaseEnvironment(model);
        foreach (var (key, value) in _extraEnvironment)
            environment[key] = value;
        return environment;
    }

    private Dictionary<string, string> BaseEnvironment(ScriptedModel? model) => new()
    {
        ["HOME"] = Home,
        ["ANTHROPIC_API_KEY"] = ApiKey,
        // Nothing is listening there when no model is given: `claude mcp list` needs none.
        ["ANTHROPIC_BASE_URL"] = model?.BaseUrl ?? "http://127.0.0.1:9",
        ["SESSION_BRIDGE_DIR"] = State,
        // No network: no update checks, telemetry or error reports.
        ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
        ["DISABLE_AUTOUPDATER"] = "1",
        ["DISABLE_TELEMETRY"] = "1",
        ["DISABLE_ERROR_REPORTING"] = "1",
    };

    /// <summary>Variables of an outer Claude Code session or API client that would leak into ours.</summary>
    private static IEnumerable<string> InheritedToForget() =>
        System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("ANTHROPIC_", StringComparison.Ordinal)
                || name.StartsWith("CLAUDE", StringComparison.Ordinal)
                || name.StartsWith("OTEL_", StringComparison.Ordinal)
                || name is "MCP_TIMEOUT" or "MCP_TOOL_TIMEOUT")
            .Order(StringComparer.Ordinal);

    /// <summary>Wires <paramref name="hook"/> on every event the way a user does: <c>session-bridge install</c>, merged into our settings.</summary>
    private async Task InstallHookAsync(string hook)
    {
        var result = await Bridge().RunAsync("install", "--hook", hook, "--settings", SettingsPath, "--json");
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"session-bridge install exited {result.ExitCode}: {result.StandardError}{result.StandardOutput}");
    }

    private void WriteSettings()
    {
        // ~/.claude.json: onboarding done, our key approved (by its last 20 characters), the project trusted
        // and its .mcp.json server approved.
        var state = new JsonObject
        {
            ["hasCompletedOnboarding"] = true,
            // No "make auto mode your default?" offer or release notes between the test and the input box.
            ["hasSeenAutoDefaultNotice"] = true,
            ["hasSeenAutoDefaultNudge"] = true,
            ["hasResetAutoModeOptInForDefaultOffer"] = true,
            ["lastReleaseNotesSeen"] = _version,
            ["customApiKeyResponses"] = new JsonObject
            {
                ["approved"] = new JsonArray(ApiKey[^20..]),
                ["rejected"] = new JsonArray(),
            },
            ["projects"] = new JsonObject
            {
                [Project] = new JsonObject
                {
                    ["hasTrustDialogAccepted"] = true,
                    ["hasCompletedProjectOnboarding"] = true,
                    ["enabledMcpjsonServers"] = new JsonArray("session-bridge"),
                },
            },
        };
        File.WriteAllText(Path.Combine(Home, ".claude.json"), state.ToJsonString());

        // ~/.claude/settings.json: our tools run without a permission menu; everything else asks (no auto mode),
        // as a user who allowed only session-bridge would see it.
        var settings = new JsonObject
        {
            ["permissions"] = new JsonObject
            {
                ["allow"] = new JsonArray("mcp__session-bridge"),
                ["defaultMode"] = "default",
            },
        };
        Directory.CreateDirectory(Path.Combine(Home, ".claude"));
        File.WriteAllText(SettingsPath, settings.ToJsonString());

        // The project's .mcp.json starts the server built beside these tests.
        var mcp = new JsonObject
        {
            ["mcpServers"] = new JsonObject
            {
                ["session-bridge"] = new JsonObject
                {
                    ["type"] = "stdio",
                    ["command"] = ServerExecutable,
                    ["args"] = new JsonArray(),
                },
            },
        };
        File.WriteAllText(Path.Combine(Project, ".mcp.json"), mcp.ToJsonString());
    }
}
