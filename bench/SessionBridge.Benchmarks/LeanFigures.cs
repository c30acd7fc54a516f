using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SessionBridge.State;

namespace SessionBridge.Benchmarks;

/// <summary>
/// Issue 27's figures: this build's lean programs (no NATS client) against an older build's (<c>--lean &lt;folder&gt;</c>,
/// e.g. bdb4c62 published by its eng/publish.sh), in one run, the two builds in a random order on every round: the hook's
/// PreToolUse presence event (the presence must be recorded), its SessionStart restore, the server's start to initialize
/// and its peak RSS after initialize and 50 tool calls, both binaries' sizes, and how long a call to a dead NATS store
/// takes to fail (through the hand-over to session-bridge-nats). With a floor (<c>--floor "&lt;command&gt;"</c>: the
/// original's stack, Bun and the MCP TypeScript SDK, e.g. bench/floor/server.ts), its start to initialize and peak RSS
/// join the same rounds, and the lean server's are given against it too.
/// </summary>
internal sealed class LeanFigures(Bench bench, string beforeFolder, string afterFolder, string[]? floor = null)
{
    private static readonly string[] Figures = ["presence", "start", "initialize", "tools", "rss"];

    public void Run()
    {
        var builds = new[] { ("before", beforeFolder), ("after", afterFolder) };
        var figures = Figures
            .ToDictionary(f => f, _ => builds.ToDictionary(b => b.Item1, b => new Samples(b.Item1)));
        // The floor has a server only: it joins the rounds with no folder, and only the server figures.
        var rotation = floor is null ? builds : [.. builds, ("floor", "")];
        if (floor is not null)
        {
            figures["initialize"]["floor"] = new Samples("floor");
            figures["tools"]["floor"] = new Samples("floor");
            figures["rss"]["floor"] = new Samples("floor");
        }

        var rounds = bench.Quick ? 6 : 20;
        var presenceStdin = """{"session_id":"x","transcript_path":"/tmp/x.jsonl","cwd":"/tmp","permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"ls -la"},"tool_use_id":"toolu_01"}""";
        var startStdin = """{"hook_event_name":"SessionStart","source":"clear","session_id":"x","cwd":"/tmp"}""";

        for (var round = 0; round < rounds; round++)
        {
            foreach (var (label, folder) in rotation.OrderBy(_ => Random.Shared.Next()))
            {
                var serverState = Bench.StateEnvironment(bench.NewState($"lean-server-{label}-{round}"));
                if (label == "floor")
                {
                    Server(figures, label, RpcProcess.Start(floor![0], floor[1..], serverState));
                    continue;
                }

                var hook = Path.Combine(folder, "session-bridge-hook");
                var state = Registered(bench.NewState($"lean-{label}-{round}"));
                var environment = Bench.StateEnvironment(state);
                environment["TMUX_PANE"] = "%1";
                environment["TMUX"] = $"/tmp/bench.sock,{Environment.ProcessId},0";
                figures["presence"][label].AddAll(Bench.Spawn(hook, 5, environment, presenceStdin));
                if (!Directory.EnumerateFiles(Path.Combine(state, "presence")).Any())
                    throw new InvalidOperationException($"the {label} hook recorded no presence in {state}");
                figures["start"][label].AddAll(Bench.Spawn(hook, 5, environment, startStdin));

                Server(figures, label, RpcProcess.Start(Path.Combine(folder, "session-bridge"), serverState));
            }
        }

        // The restore must print the briefing in both builds, in the environment it was timed in, or its time says nothing.
        foreach (var (label, folder) in builds)
        {
            var environment = Bench.StateEnvironment(Registered(bench.NewState($"lean-check-{label}")));
            environment["TMUX_PANE"] = "%1";
            environment["TMUX"] = $"/tmp/bench.sock,{Environment.ProcessId},0";
            var output = Run(Path.Combine(folder, "session-bridge-hook"), environment, startStdin);
            if (!output.Contains("You are dev.", StringComparison.Ordinal))
                throw new InvalidOperationException($"the {label} hook restored no briefing: {output}");
        }

        var report = bench.Report;
        void Row(string name, string figure, Func<double, string> format, string goal)
        {
            var (after, before) = (figures[figure]["after"], figures[figure]["before"]);
            report.Add(
                $"lean: {name} (median of {after.Count}, random order)",
                format(after.Median),
                format(before.Median) + " before",
                Report.Times(after.Median / before.Median),
                goal
            );
        }

        Row("hook PreToolUse → presence recorded", "presence", Report.Ms, "≤ 1.10×");
        Row("hook SessionStart → briefing restored", "start", Report.Ms, "≤ 1.00×");
        Row("server start → initialize answered", "initialize", Report.Ms, "≤ 1.10×");
        Row("server start → tools/list answered (what a first tool call waits for)", "tools", Report.Ms, "—");
        Row("server peak RSS after initialize + 50 tool calls", "rss", Report.Mb, "≤ 1.05×");
        if (floor is not null)
        {
            void Floor(string name, string figure, Func<double, string> format, string goal)
            {
                var (after, before, bun) = (figures[figure]["after"], figures[figure]["before"], figures[figure]["floor"]);
                report.Add(
                    $"lean: {name} against the floor (Bun + TS SDK, median of {bun.Count})",
                    format(after.Median),
                    $"{format(bun.Median)} floor; before {Report.Times(before.Median / bun.Median)}",
                    Report.Times(after.Median / bun.Median),
                    goal
                );
            }

            Floor("server start → initialize answered", "initialize", Report.Ms, "≤ 0.35×");
            Floor("server start → tools/list answered", "tools", Report.Ms, "—");
            Floor("server peak RSS after initialize + 50 tool calls", "rss", Report.Mb, "≤ 0.5×");
        }

        foreach (var program in new[] { "session-bridge", "session-bridge-hook" })
        {
            var (after, before) = (new FileInfo(Path.Combine(afterFolder, program)).Length, new FileInfo(Path.Combine(beforeFolder, program)).Length);
            report.Add($"lean: {program} binary size", Report.Mb(after / 1e6), Report.Mb(before / 1e6) + " before", Report.Times((double)after / before), "≤ 1.2×");
        }

        var companion = Path.Combine(afterFolder, "session-bridge-nats");
        if (File.Exists(companion))
            report.Add("lean: session-bridge-nats binary size (used only with SESSION_BRIDGE_NATS)", Report.Mb(new FileInfo(companion).Length / 1e6), "—", "—", "—");
        DeadStore(report);
    }

    // Start to initialize answered, to tools/list answered (as Claude Code asks right after), then 50 tool calls and the
    // peak RSS: the same for every server, the floor's included.
    private static void Server(Dictionary<string, Dictionary<string, Samples>> figures, string label, RpcProcess started)
    {
        using var rpc = started;
        var clock = Stopwatch.StartNew();
        rpc.Initialize();
        figures["initialize"][label].Add(clock.Elapsed.TotalMilliseconds);
        if (rpc.Call("tools/list")["tools"]?.AsArray().Count is not > 0)
            throw new InvalidOperationException($"the {label} server listed no tools");
        figures["tools"][label].Add(clock.Elapsed.TotalMilliseconds);
        for (var n = 0; n < 50; n++)
            rpc.CallTool("list_prompts", []);
        figures["rss"][label].Add(rpc.PeakRssMegabytes());
    }

    // A call to a NATS store nobody answers: `session-bridge peers` hands over and fails; the time to its exit.
    private void DeadStore(Report report)
    {
        // Without the companion the lean program fails at once, saying so: a figure that would time nothing.
        if (!File.Exists(Path.Combine(afterFolder, "session-bridge-nats")))
            throw new InvalidOperationException($"no session-bridge-nats in {afterFolder}: the dead-store figure needs it");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var environment = Bench.StateEnvironment(bench.NewState("lean-dead"));
        environment["SESSION_BRIDGE_NATS"] = $"nats://127.0.0.1:{port}";
        var samples = new Samples("dead");
        for (var n = 0; n < (bench.Quick ? 3 : 5); n++)
        {
            var clock = Stopwatch.StartNew();
            Run(Path.Combine(afterFolder, "session-bridge"), environment, null, "peers");
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        report.Add($"lean: a call to a dead NATS store fails (session-bridge peers, median of {samples.Count})", Report.Ms(samples.Median), "5,002–5,010 ms before", "—", "< 5 s");
    }

    // A role and its briefing in the file store, with the hook's pane (%1): what SessionStart restores. No pids: the hook
    // runs under the bench, not a tmux server, and a registration with pids would be taken for another server's and
    // not restored (the timed run would then time a restore that finds nothing).
    private static string Registered(string state)
    {
        var directory = new StateDirectory(state);
        directory.EnsureCreated();
        var store = new StateStore(directory, TimeSpan.FromSeconds(10), TimeProvider.System);
        store.Registry.SaveAsync(new PeerRegistration("dev", "%1", "/tmp/bench.sock", null, null, "/", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow), CancellationToken.None)
            .GetAwaiter()
            .GetResult();
        store.Prompts.SaveAsync(new SavedPrompt("dev", "You are dev.", DateTimeOffset.UtcNow), CancellationToken.None).GetAwaiter().GetResult();
        return state;
    }

    private static string Run(string executable, Dictionary<string, string?> environment, string? stdin, params string[] arguments)
    {
        var info = new ProcessStartInfo(executable, arguments) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        if (stdin is not null)
            process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return output.Result + errors.Result;
    }
}
