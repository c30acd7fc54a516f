using System.Globalization;
using System.Text.Json.Nodes;

namespace SessionBridge.Benchmarks;

/// <summary>
/// send to an idle Claude-like pane (the specs' fake_claude.py, run as <c>claude</c>), as a server sees it:
/// without hooks, send reads the screen after a fixed verify delay; with them, the peer's UserPromptSubmit is
/// the receipt. Both against the settle delay, the part of a send that is there by design.
/// </summary>
internal sealed class SendFigures(Bench bench, string server, string hook)
{
    private const int Settle = 250;

    public async Task RunAsync()
    {
        await using var tmux = await BenchTmux.StartAsync(Path.Combine(bench.Work, "tmux-send"));
        var state = bench.NewState("state-send");
        var environment = Bench.StateEnvironment(state);
        environment["TMUX"] = tmux.Variable;
        environment["SESSION_BRIDGE_SETTLE_MS"] = Settle.ToString(CultureInfo.InvariantCulture);
        using var rpc = RpcProcess.Start(server, environment);
        rpc.Initialize();
        var runs = bench.Quick ? 7 : 20;
        foreach (var hooked in new[] { false, true })
        {
            var role = hooked ? "hooked" : "unhooked";
            var log = Path.Combine(bench.Work, $"submitted-{role}.txt");
            File.WriteAllText(log, "");
            var hooks = hooked ? $" --hook '{hook}' --state '{state}'" : "";
            var pane = await tmux.NewPaneAsync($"exec '{await tmux.PythonAsClaudeAsync()}' '{bench.Fake("fake_claude.py")}' --log '{log}'{hooks}");
            await tmux.WaitForScreenAsync(pane, "? for shortcuts");
            rpc.CallTool("register", new JsonObject { ["role"] = role, ["pane"] = pane });
            var toScreen = new Samples("on screen");
            var toReturn = new Samples("returned");
            for (var n = 0; n < runs; n++)
            {
                // An idle peer with an empty prompt: the fake clears its prompt only once its hook has run.
                await Task.Delay(300);
                var marker = $"bench-{n}-{Guid.NewGuid():N}";
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var call = Task.Run(() => rpc.CallTool("send", new JsonObject { ["to"] = role, ["from"] = "bench", ["text"] = marker }));
                if (!hooked)
                {
                    while (!(await tmux.CaptureAsync(pane)).Contains(marker, StringComparison.Ordinal) && !call.IsCompleted)
                        await Task.Delay(2);
                    toScreen.Add(clock.Elapsed.TotalMilliseconds);
                }

                var result = await call;
                toReturn.Add(clock.Elapsed.TotalMilliseconds);
                if (result["status"]?.GetValue<string>() != "submitted" || !File.ReadAllText(log).Contains(marker, StringComparison.Ordinal))
                    throw new InvalidOperationException($"send to {role} was not submitted: {result.ToJsonString()}");
            }

            if (!hooked)
                bench.Report.Add("send to an idle Claude-like pane: call → text on screen (median)", Report.Ms(toScreen.Median), $"{Settle} ms settle delay", Report.Times(toScreen.Median / Settle), "");
            bench.Report.Add(
                $"send to an idle Claude-like pane, {(hooked ? "hooks wired (UserPromptSubmit receipt)" : "no hooks (screen read after the verify delay)")}: call → result, median / p95",
                $"{Report.Ms(toReturn.Median)} / {Report.Ms(toReturn.P95)}",
                $"{Settle} ms settle delay",
                Report.Times(toReturn.Median / Settle),
                hooked ? "≤ 1.2×" : "≤ 1.5×"
            );
        }
    }
}
