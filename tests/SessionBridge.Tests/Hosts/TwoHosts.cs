using SessionBridge.Bridge;
using SessionBridge.State;
using SessionBridge.State.Nats;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Hosts;

/// <summary>
/// Two machines of one team, simulated here: hosts "a" and "b", each with its own tmux server and its own local
/// state folder, both on one real nats-server (a team of their own per spec). Each host's sessions run their own
/// servers (in-process, wired as Program wires them, so each runs its host agent) and their own hooks.
/// </summary>
internal sealed class TwoHosts : IAsyncDisposable
{
    private readonly NatsServer _nats;
    private readonly string _team = "t" + Guid.NewGuid().ToString("N")[..12];
    private readonly Dictionary<string, PrivateTmuxServer> _tmux = [];
    private readonly Dictionary<string, TempDirectory> _state = [];
    private readonly List<InProcessServer> _servers = [];

    private TwoHosts(NatsServer nats) => _nats = nats;

    public static async Task<TwoHosts> StartAsync(NatsServer nats)
    {
        NatsServer.SkipUnlessAvailable();
        var hosts = new TwoHosts(nats);
        foreach (var host in new[] { "a", "b" })
        {
            var tmux = new PrivateTmuxServer();
            await tmux.InitializeAsync();
            hosts._tmux[host] = tmux;
            hosts._state[host] = new TempDirectory("state-" + host);
        }

        return hosts;
    }

    public PrivateTmuxServer Tmux(string host) => _tmux[host];

    public string StateFolder(string host) => _state[host].Path;

    /// <summary>The variables every process on <paramref name="host"/> sees: the team's NATS server, the team, the host.</summary>
    public IReadOnlyDictionary<string, string> Variables(string host) =>
        new Dictionary<string, string>
        {
            ["SESSION_BRIDGE_NATS"] = _nats.Url,
            ["SESSION_BRIDGE_TEAM"] = _team,
            ["SESSION_BRIDGE_HOST"] = host,
        };

    /// <summary>The store as a process on <paramref name="host"/> opens it.</summary>
    public StateStore Store(string host) =>
        StateStore.Open(new StateDirectory(StateFolder(host)), TimeSpan.FromSeconds(10), TimeProvider.System, Variables(host).GetValueOrDefault, new NatsBackend());

    /// <summary>
    /// The server of a session in <paramref name="pane"/> on <paramref name="host"/> (its host agent runs with it);
    /// <paramref name="tmuxOf"/>: whose tmux server the session says it is in (by default its host's).
    /// </summary>
    public async Task<InProcessServer> ServerAsync(string host, string pane, string? tmuxOf = null)
    {
        var variables = Variables(host);
        var options = TestBridge.Options(StateFolder(host), Tmux(tmuxOf ?? host), pane) with
        {
            GetVariable = name => variables.GetValueOrDefault(name) ?? Environment.GetEnvironmentVariable(name),
            Remote = new NatsBackend(),
        };
        var server = await InProcessServer.StartAsync(options);
        _servers.Add(server);
        return server;
    }

    /// <summary>Stops a server (its host agent with it), as a session that ended.</summary>
    public async Task StopAsync(InProcessServer server)
    {
        _servers.Remove(server);
        await server.DisposeAsync();
    }

    /// <summary>
    /// The scripted Claude Code on <paramref name="host"/>, its hooks run as Claude Code runs them with that host's
    /// variables (SessionStart on start, UserPromptSubmit, Stop); <paramref name="gate"/>: it starts only once that file
    /// exists (the pane is there first, to be registered, as <c>session-bridge up</c> does). Returns the pane and the
    /// log of what it submitted (the hooks' additionalContext is in the log + ".context").
    /// </summary>
    public async Task<(string Pane, string Log)> StartClaudeAsync(string host, string arguments = "", string? gate = null)
    {
        var tmux = Tmux(host);
        var log = _state[host].Combine($"submitted-{Guid.NewGuid():N}.txt");
        File.WriteAllText(log, "");
        var claude = await tmux.NamedClaudeAsync("python3");
        var script = BuiltExecutables.Fake("fake_claude.py");
        var variables = string.Join(" ", Variables(host).Select(v => $"{v.Key}='{v.Value}'"));
        var wait = gate is null ? "" : $"while [ ! -e '{gate}' ]; do sleep 0.05; done; ";
        var pane = await tmux.StartPaneAsync(
            $"{wait}exec env {variables} '{claude}' '{script}' --log '{log}' --hook '{BuiltExecutables.Hook}' --state '{StateFolder(host)}' {arguments}"
        );
        if (gate is null)
            await Eventually.WaitAsync(async () => (await tmux.CaptureAsync(pane)).Contains("? for shortcuts"), $"the fake Claude Code in {pane} on {host} to draw");
        return (pane, log);
    }

    /// <summary>What the hooks of the scripted Claude Code gave its model (additionalContext), one entry per hook.</summary>
    public static string[] Contexts(string log) =>
        File.Exists(log + ".context") ? File.ReadAllText(log + ".context").Split('\0', StringSplitOptions.RemoveEmptyEntries) : [];

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.ToList())
            await server.DisposeAsync();
        foreach (var tmux in _tmux.Values)
            await tmux.DisposeAsync();
        foreach (var folder in _state.Values)
            folder.Dispose();
    }
}
