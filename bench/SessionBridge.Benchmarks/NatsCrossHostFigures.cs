using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SessionBridge.Benchmarks;

/// <summary>
/// Two simulated hosts ("a" and "b": two private tmux servers, two local state folders, a server process each) on one
/// nats-server on loopback. A send from a's server to a pane on b (typed by b's server) beside a send to a pane on a;
/// wait_for on a waking on a Stop on b beside the same wait on a pane of a.
/// </summary>
internal sealed class NatsCrossHostFigures(Bench bench, string server, string hook, BenchNats nats)
{
    private const int Settle = 250;
    private const string Team = "benchhosts";

    private int _hosts;

    private sealed record Host(string Name, BenchTmux Tmux, string State, Dictionary<string, string?> Environment, RpcProcess Server) : IAsyncDisposable
    {
        /// <summary>What the host's panes see: its NATS variables (the hook runs in them).</summary>
        public Dictionary<string, string?> PaneEnvironment =>
            Environment.Where(v => v.Key.StartsWith("SESSION_BRIDGE_", StringComparison.Ordinal)).ToDictionary(v => v.Key, v => v.Value);

        public async ValueTask DisposeAsync()
        {
            Server.Dispose();
            await Tmux.DisposeAsync();
        }
    }

    private async Task<Host> StartHostAsync(string name)
    {
        // Each group its own tmux servers and folders: a server just killed may still hold its socket.
        var group = Interlocked.Increment(ref _hosts).ToString(CultureInfo.InvariantCulture);
        var tmux = await BenchTmux.StartAsync(Path.Combine(bench.Work, $"tmux-host-{name}-{group}"));
        var state = bench.NewState($"state-host-{name}-{group}");
        var environment = Bench.StateEnvironment(state);
        foreach (var (key, value) in nats.Environment(Team, name))
            environment[key] = value;
        environment["TMUX"] = tmux.Variable;
        environment["SESSION_BRIDGE_SETTLE_MS"] = Settle.ToString(CultureInfo.InvariantCulture);
        var rpc = RpcProcess.Start(server, environment);
        rpc.Initialize();
        return new Host(name, tmux, state, environment, rpc);
    }

    public async Task SendAsync()
    {
        await using var a = await StartHostAsync("a");
        await using var b = await StartHostAsync("b");
        var runs = bench.Quick ? 7 : 20;
        var panes = new List<(string Role, Host Host, string Log)>();
        foreach (var (role, host) in new[] { ("near", a), ("far", b) })
        {
            var log = Path.Combine(bench.Work, $"submitted-nats-{role}.txt");
            File.WriteAllText(log, "");
            var pane = await host.Tmux.NewPaneAsync(
                $"exec '{await host.Tmux.PythonAsClaudeAsync()}' '{bench.Fake("fake_claude.py")}' --log '{log}' --hook '{hook}' --state '{host.State}'",
                host.PaneEnvironment
            );
            await host.Tmux.WaitForScreenAsync(pane, "? for shortcuts");
            // Each pane is registered by its own host's server, as its own session would.
            host.Server.CallTool("register", new JsonObject { ["role"] = role, ["pane"] = pane });
            panes.Add((role, host, log));
        }

        var samples = panes.ToDictionary(p => p.Role, p => new Samples(p.Role));
        for (var n = 0; n < runs; n++)
        {
            // Alternating, so a drift in the machine's load falls on both alike.
            foreach (var (role, _, log) in n % 2 == 0 ? panes : Enumerable.Reverse(panes))
            {
                await Task.Delay(300); // an idle peer with an empty prompt
                var marker = $"bench-{role}-{n}-{Guid.NewGuid():N}";
                var clock = Stopwatch.StartNew();
                var result = a.Server.CallTool("send", new JsonObject { ["to"] = role, ["from"] = "bench", ["text"] = marker });
                samples[role].Add(clock.Elapsed.TotalMilliseconds);
                if (result["status"]?.GetValue<string>() != "submitted" || !File.ReadAllText(log).Contains(marker, StringComparison.Ordinal))
                    throw new InvalidOperationException($"send to {role} was not submitted: {result.ToJsonString()}");
            }
        }

        var (near, far) = (samples["near"], samples["far"]);
        bench.Report.Add(
            $"NATS, send from host a to a pane on host b (typed by b's server), hooks wired: call → result, median / p95 of {runs}",
            $"{Report.Ms(far.Median)} / {Report.Ms(far.P95)}",
            $"{Report.Ms(near.Median)} / {Report.Ms(near.P95)} to a pane on a",
            Report.Times(far.Median / near.Median),
            "≤ 1.2×"
        );
    }

    public async Task WaitAsync()
    {
        await using var a = await StartHostAsync("a");
        await using var b = await StartHostAsync("b");
        var runs = bench.Quick ? 7 : 20;
        var figures = new Dictionary<string, Samples>();
        foreach (var (role, host) in new[] { ("waitnear", a), ("waitfar", b) })
        {
            using var peer = await ClaudeTurnsPane.StartAsync(bench, host.Tmux, role, hook, host.State, host.PaneEnvironment);
            await host.Tmux.WaitForScreenAsync(peer.Pane, "auto mode on");
            host.Server.CallTool("register", new JsonObject { ["role"] = role, ["pane"] = peer.Pane });
            var samples = new Samples(role);
            for (var n = 0; n < runs; n++)
            {
                await peer.BusyAsync();
                await host.Tmux.WaitForScreenAsync(peer.Pane, "esc to interrupt");
                var wait = Task.Run(() => (Result: a.Server.CallTool("wait_for", new JsonObject { ["role"] = role, ["until"] = "idle", ["timeout_s"] = 30 }), At: Bench.MonotonicNs()));
                await Task.Delay(400);
                if (wait.IsCompleted)
                    throw new InvalidOperationException($"wait_for returned on a busy peer: {(await wait).Result.ToJsonString()}");
                var stopped = await peer.StopAsync();
                var (result, returned) = await wait;
                if (result["met"]?.GetValue<bool>() != true || result["state"]?.GetValue<string>() != "idle")
                    throw new InvalidOperationException($"wait_for did not end on idle: {result.ToJsonString()}");
                samples.Add((returned - stopped) / 1e6);
            }

            figures[role] = samples;
        }

        var (near, far) = (figures["waitnear"], figures["waitfar"]);
        bench.Report.Add(
            $"NATS, wait_for(idle) on host a for a peer on host b: its Stop hook exits → result, median / p95 of {runs}",
            $"{Report.Ms(far.Median)} / {Report.Ms(far.P95)}",
            $"{Report.Ms(near.Median)} / {Report.Ms(near.P95)} for a peer on a",
            Report.Times(far.Median / near.Median),
            "≤ 100 ms"
        );
    }
}
