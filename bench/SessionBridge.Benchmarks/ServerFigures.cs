using System.Diagnostics;

namespace SessionBridge.Benchmarks;

/// <summary>A server's start-up, a tools/list, a tool call and its peak memory, beside a process that does nothing.</summary>
internal sealed class ServerFigures(Bench bench)
{
    public void Run(string label, string server, Samples trueStart)
    {
        var state = bench.NewState("state-" + label);
        var starts = new Samples("initialize");
        var lists = new Samples("tools/list");
        var calls = new Samples("call");
        var rss = 0.0;
        var runs = bench.Quick ? 5 : 20;
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            using var rpc = RpcProcess.Start(server, Bench.StateEnvironment(state));
            rpc.Initialize();
            starts.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            rpc.Call("tools/list");
            lists.Add(clock.Elapsed.TotalMilliseconds);
            if (run == 0)
            {
                for (var n = 0; n < (bench.Quick ? 50 : 200); n++)
                {
                    clock.Restart();
                    rpc.CallTool("list_prompts", []);
                    calls.Add(clock.Elapsed.TotalMilliseconds);
                }

                rss = rpc.PeakRssMegabytes();
            }
        }

        var report = bench.Report;
        report.Add($"{label} server: start → initialize answered (median of {runs})", Report.Ms(starts.Median), Report.Ms(trueStart.Median) + " /bin/true", Report.Times(starts.Median / trueStart.Median), "≤ 35 ms (original: 65–72 ms)");
        report.Add($"{label} server: tools/list", Report.Ms(lists.Median), "—", "", "");
        report.Add($"{label} server: a tool call, median / p95", $"{Report.Ms(calls.Median)} / {Report.Ms(calls.P95)}", "—", "", "");
        report.Add($"{label} server: peak RSS", Report.Mb(rss), "—", "", "≤ 30 MB (original: ~50 MB)");
    }
}
