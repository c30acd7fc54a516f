using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SessionBridge.Benchmarks;

/// <summary>
/// File mode before and after the store seam: start-up to initialize, peak RSS and a send to a hooked Claude-like
/// pane, for two builds (<c>--before</c>: a folder with the older build's session-bridge and session-bridge-hook;
/// the other, this checkout's), in alternating runs so that the machine's load falls on both alike.
/// </summary>
internal sealed class SeamFigures(Bench bench, (string Server, string Hook) before, (string Server, string Hook) after)
{
    private const int Settle = 250;

    public async Task RunAsync()
    {
        var builds = new[] { ("before", before), ("after", after) };
        var starts = builds.ToDictionary(b => b.Item1, b => new Samples(b.Item1));
        var rss = builds.ToDictionary(b => b.Item1, b => new Samples(b.Item1));
        var sends = builds.ToDictionary(b => b.Item1, b => new Samples(b.Item1));
        var runs = bench.Quick ? 6 : 20;

        // Start-up and memory: a fresh server each run, a few calls, its peak RSS.
        for (var run = 0; run < runs; run++)
        {
            foreach (var (label, build) in run % 2 == 0 ? builds : builds.Reverse())
            {
                var state = bench.NewState($"seam-{label}");
                var clock = Stopwatch.StartNew();
                using var rpc = RpcProcess.Start(build.Server, Bench.StateEnvironment(state));
                rpc.Initialize();
                starts[label].Add(clock.Elapsed.TotalMilliseconds);
                rpc.Call("tools/list");
                for (var n = 0; n < 20; n++)
                    rpc.CallTool("list_prompts", []);
                rss[label].Add(rpc.PeakRssMegabytes());
            }
        }

        // send: one server and one hooked pane per build, sends alternating between them.
        await using var tmux = await BenchTmux.StartAsync(Path.Combine(bench.Work, "tmux-seam"));
        var targets = new List<(string Label, RpcProcess Rpc, string Log)>();
        try
        {
            foreach (var (label, build) in builds)
            {
                var state = bench.NewState($"seam-send-{label}");
                var environment = Bench.StateEnvironment(state);
                environment["TMUX"] = tmux.Variable;
                environment["SESSION_BRIDGE_SETTLE_MS"] = Settle.ToString(CultureInfo.InvariantCulture);
                var rpc = RpcProcess.Start(build.Server, environment);
                rpc.Initialize();
                var log = Path.Combine(bench.Work, $"submitted-seam-{label}.txt");
                File.WriteAllText(log, "");
                var pane = await tmux.NewPaneAsync($"exec '{await tmux.PythonAsClaudeAsync()}' '{bench.Fake("fake_claude.py")}' --log '{log}' --hook '{build.Hook}' --state '{state}'");
                await tmux.WaitForScreenAsync(pane, "? for shortcuts");
                rpc.CallTool("register", new JsonObject { ["role"] = "dev", ["pane"] = pane });
                targets.Add((label, rpc, log));
            }

            for (var n = 0; n < runs; n++)
            {
                foreach (var (label, rpc, log) in n % 2 == 0 ? targets : Enumerable.Reverse(targets))
                {
                    await Task.Delay(300);
                    var marker = $"seam-{label}-{n}-{Guid.NewGuid():N}";
                    var clock = Stopwatch.StartNew();
                    var result = rpc.CallTool("send", new JsonObject { ["to"] = "dev", ["from"] = "bench", ["text"] = marker });
                    sends[label].Add(clock.Elapsed.TotalMilliseconds);
                    if (result["status"]?.GetValue<string>() != "submitted" || !File.ReadAllText(log).Contains(marker, StringComparison.Ordinal))
                        throw new InvalidOperationException($"send ({label}) was not submitted: {result.ToJsonString()}");
                }
            }
        }
        finally
        {
            foreach (var target in targets)
                target.Rpc.Dispose();
        }

        // The hook on a presence-only event, in chunks alternating between the builds.
        var hooks = builds.ToDictionary(b => b.Item1, b => new Samples(b.Item1));
        var stdin = """{"session_id":"x","transcript_path":"/tmp/x.jsonl","cwd":"/tmp","permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"ls -la"},"tool_use_id":"toolu_01"}""";
        for (var chunk = 0; chunk < (bench.Quick ? 4 : 10); chunk++)
        {
            foreach (var (label, build) in chunk % 2 == 0 ? builds : builds.Reverse())
            {
                var environment = Bench.StateEnvironment(bench.NewState($"seam-hook-{label}"));
                environment["TMUX_PANE"] = "%1";
                environment["TMUX"] = $"/tmp/bench.sock,{Environment.ProcessId},0";
                hooks[label].AddAll(Bench.Spawn(build.Hook, 10, environment, stdin));
            }
        }

        var report = bench.Report;
        report.Add(
            $"file store after the seam: hook (NativeAOT) PreToolUse → presence, median / p95 of {hooks["after"].Count} (alternating chunks)",
            $"{Report.Ms(hooks["after"].Median)} / {Report.Ms(hooks["after"].P95)}",
            $"{Report.Ms(hooks["before"].Median)} / {Report.Ms(hooks["before"].P95)} before the seam",
            Report.Times(hooks["after"].Median / hooks["before"].Median),
            "unchanged, within noise"
        );
        report.Add(
            $"file store after the seam: start → initialize answered (median of {runs}, alternating)",
            Report.Ms(starts["after"].Median),
            Report.Ms(starts["before"].Median) + " before the seam",
            Report.Times(starts["after"].Median / starts["before"].Median),
            "unchanged, within noise"
        );
        report.Add(
            "file store after the seam: peak RSS (median)",
            Report.Mb(rss["after"].Median),
            Report.Mb(rss["before"].Median) + " before the seam",
            Report.Times(rss["after"].Median / rss["before"].Median),
            "unchanged, within noise"
        );
        report.Add(
            $"file store after the seam: send to a hooked Claude-like pane, median / p95 of {runs}",
            $"{Report.Ms(sends["after"].Median)} / {Report.Ms(sends["after"].P95)}",
            $"{Report.Ms(sends["before"].Median)} / {Report.Ms(sends["before"].P95)} before the seam",
            Report.Times(sends["after"].Median / sends["before"].Median),
            "unchanged, within noise"
        );
    }
}
