using System.Globalization;
using System.Text.Json.Nodes;

namespace SessionBridge.Benchmarks;

/// <summary>
/// wait_for(idle) on a busy peer, as a server sees it: how soon it returns after the peer's Stop hook, and
/// what eight servers waiting at once cost in CPU. The peers are <see cref="ClaudeTurnsPane"/>s in a private
/// tmux server.
/// </summary>
internal sealed class WaitFigures(Bench bench, string server, string hook)
{
    /// <summary>From the Stop hook's exit to wait_for's result; beside it, a pane without hooks, seen only by the screen fallback.</summary>
    public async Task LatencyAsync()
    {
        await using var tmux = await BenchTmux.StartAsync(Path.Combine(bench.Work, "tmux-wait"));
        var state = bench.NewState("state-wait");
        var environment = Bench.StateEnvironment(state);
        environment["TMUX"] = tmux.Variable;
        using var rpc = RpcProcess.Start(server, environment);
        rpc.Initialize();
        var runs = bench.Quick ? 7 : 20;
        var figures = new Dictionary<bool, Samples>();
        foreach (var hooked in new[] { true, false })
        {
            var role = hooked ? "hooked" : "unhooked";
            using var peer = await ClaudeTurnsPane.StartAsync(bench, tmux, role, hooked ? hook : null, state);
            await tmux.WaitForScreenAsync(peer.Pane, "auto mode on");
            rpc.CallTool("register", new JsonObject { ["role"] = role, ["pane"] = peer.Pane });
            var samples = new Samples(role);
            for (var n = 0; n < runs; n++)
            {
                await peer.BusyAsync();
                await tmux.WaitForScreenAsync(peer.Pane, "esc to interrupt");
                // The result's time is taken as it arrives, not after the pane has reported its Stop.
                var wait = Task.Run(() => (Result: rpc.CallTool("wait_for", new JsonObject { ["role"] = role, ["until"] = "idle", ["timeout_s"] = 30 }), At: Bench.MonotonicNs()));
                // Let the wait take its first look (busy) and go to sleep on the presence file.
                await Task.Delay(400);
                if (wait.IsCompleted)
                    throw new InvalidOperationException($"wait_for returned on a busy peer: {(await wait).Result.ToJsonString()}");
                var stopped = await peer.StopAsync();
                var (result, returned) = await wait;
                if (result["met"]?.GetValue<bool>() != true || result["state"]?.GetValue<string>() != "idle")
                    throw new InvalidOperationException($"wait_for did not end on idle: {result.ToJsonString()}");
                if (hooked && result["stateSource"]?.GetValue<string>() != "hook")
                    throw new InvalidOperationException($"the hooked peer's idle did not come from its hook: {result.ToJsonString()}");
                samples.Add((returned - stopped) / 1e6);
            }

            figures[hooked] = samples;
        }

        var (hooks, screen) = (figures[true], figures[false]);
        bench.Report.Add(
            $"wait_for(idle): peer's Stop hook exits → result, median / p95 of {runs}",
            $"{Report.Ms(hooks.Median)} / {Report.Ms(hooks.P95)}",
            $"{Report.Ms(screen.Median)} without hooks (screen fallback)",
            Report.Times(hooks.Median / screen.Median),
            "≤ 100 ms"
        );
    }

    /// <summary>CPU of eight servers, each in wait_for(idle) on its own busy peer, beside the same eight servers doing nothing.</summary>
    public async Task CpuAsync()
    {
        const int count = 8;
        var window = TimeSpan.FromSeconds(bench.Quick ? 20 : 60);
        var baseline = TimeSpan.FromSeconds(bench.Quick ? 10 : 30);
        await using var tmux = await BenchTmux.StartAsync(Path.Combine(bench.Work, "tmux-cpu"));
        var state = bench.NewState("state-cpu");
        var environment = Bench.StateEnvironment(state);
        environment["TMUX"] = tmux.Variable;
        var peers = new List<ClaudeTurnsPane>();
        var servers = new List<RpcProcess>();
        try
        {
            for (var n = 0; n < count; n++)
            {
                var peer = await ClaudeTurnsPane.StartAsync(bench, tmux, $"cpu{n}", hook, state);
                peers.Add(peer);
                await tmux.WaitForScreenAsync(peer.Pane, "auto mode on");
                await peer.BusyAsync();
                var rpc = RpcProcess.Start(server, environment);
                servers.Add(rpc);
                rpc.Initialize();
                rpc.CallTool("register", new JsonObject { ["role"] = $"peer{n}", ["pane"] = peer.Pane });
            }

            var tmuxServer = await tmux.ServerPidAsync();
            var idle = await MeasureAsync(servers, tmuxServer, baseline);
            var waits = servers
                .Select((rpc, n) => Task.Run(() => rpc.CallTool("wait_for", new JsonObject { ["role"] = $"peer{n}", ["until"] = "idle", ["timeout_s"] = (int)window.TotalSeconds + 60 })))
                .ToList();
            await Task.Delay(1000); // every wait has taken its first look
            if (waits.Any(w => w.IsCompleted))
                throw new InvalidOperationException("a wait_for returned on a busy peer");
            var waiting = await MeasureAsync(servers, tmuxServer, window);
            foreach (var peer in peers)
                await peer.StopAsync();
            foreach (var wait in waits)
            {
                if ((await wait)["met"]?.GetValue<bool>() != true)
                    throw new InvalidOperationException($"a wait_for did not end on idle: {(await wait).ToJsonString()}");
            }

            var seconds = window.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
            bench.Report.Add(
                $"wait_for(idle): {count} servers each waiting {seconds} s on a busy peer, CPU as % of one core",
                $"{Percent(waiting.Servers)} (+ {Percent(waiting.Children)} their tmux clients, + {Percent(waiting.Tmux)} the tmux server)",
                $"{Percent(idle.Servers)} the same {count} servers not waiting (+ {Percent(idle.Children)}, + {Percent(idle.Tmux)})",
                idle.Servers > 0 ? Report.Times(waiting.Servers / idle.Servers) : "— (baseline 0)",
                "≤ 1% together"
            );
        }
        finally
        {
            foreach (var rpc in servers)
                rpc.Dispose();
            foreach (var peer in peers)
                peer.Dispose();
        }
    }

    private static string Percent(double share) => (share * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>Shares of one core over <paramref name="window"/>: the servers (utime + stime), the children they waited for (cutime + cstime), the tmux server.</summary>
    private static async Task<(double Servers, double Children, double Tmux)> MeasureAsync(List<RpcProcess> servers, int tmuxServer, TimeSpan window)
    {
        var before = servers.Select(s => Ticks(s.Pid)).ToList();
        var tmuxBefore = Ticks(tmuxServer);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(window);
        var elapsed = clock.Elapsed.TotalSeconds;
        var after = servers.Select(s => Ticks(s.Pid)).ToList();
        var tmuxAfter = Ticks(tmuxServer);
        const double ticksPerSecond = 100; // USER_HZ on Linux
        double Share(long ticks) => ticks / ticksPerSecond / elapsed;
        return (
            Share(after.Zip(before, (a, b) => a.Own - b.Own).Sum()),
            Share(after.Zip(before, (a, b) => a.Children - b.Children).Sum()),
            Share(tmuxAfter.Own - tmuxBefore.Own)
        );
    }

    /// <summary>utime + stime, and cutime + cstime, from /proc/<pid>/stat (fields 14 to 17).</summary>
    private static (long Own, long Children) Ticks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return (Field(14) + Field(15), Field(16) + Field(17));
    }
}
