using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SessionBridge.Benchmarks;

/// <summary>history and inbox on a large log beside the same on a small one: they read from the end, so size must not show.</summary>
internal sealed class LogFigures(Bench bench)
{
    public void Run(string server, int bigLines)
    {
        var small = bench.NewState("log-small");
        var big = bench.NewState("log-big");
        WriteLog(small, 1_000);
        var size = WriteLog(big, bigLines);
        var figures = new Dictionary<string, (Samples History, Samples Inbox, double Rss)>();
        foreach (var (name, state) in new[] { ("small", small), ("big", big) })
        {
            using var rpc = RpcProcess.Start(server, Bench.StateEnvironment(state));
            rpc.Initialize();
            var history = new Samples("history");
            var inbox = new Samples("inbox");
            for (var n = 0; n < (bench.Quick ? 50 : 200); n++)
            {
                var clock = Stopwatch.StartNew();
                rpc.CallTool("history", new JsonObject { ["limit"] = 20 });
                history.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                rpc.CallTool("inbox", new JsonObject { ["role"] = "dev", ["limit"] = 20 });
                inbox.Add(clock.Elapsed.TotalMilliseconds);
            }

            figures[name] = (history, inbox, rpc.PeakRssMegabytes());
        }

        var (bh, bi, brss) = figures["big"];
        var (sh, si, srss) = figures["small"];
        var lines = bigLines.ToString("N0", CultureInfo.InvariantCulture);
        var report = bench.Report;
        report.Add($"history(20) on {lines} lines ({size / 1_000_000} MB), median / p95", $"{Report.Ms(bh.Median)} / {Report.Ms(bh.P95)}", $"{Report.Ms(sh.Median)} / {Report.Ms(sh.P95)} on 1,000", Report.Times(bh.P95 / sh.P95), "p95 ≤ 5 ms, flat");
        report.Add($"inbox(20) on {lines} lines, median / p95", $"{Report.Ms(bi.Median)} / {Report.Ms(bi.P95)}", $"{Report.Ms(si.Median)} / {Report.Ms(si.P95)} on 1,000", Report.Times(bi.P95 / si.P95), "p95 ≤ 5 ms, flat");
        report.Add($"server peak RSS with {lines} lines", Report.Mb(brss), Report.Mb(srss) + " on 1,000", Report.Times(brss / srss), "≤ 60 MB (a whole-file reader: 818 MB)");
    }

    private static long WriteLog(string state, int count)
    {
        Directory.CreateDirectory(Path.Combine(state, "mailbox"));
        var padding = new string('x', 90);
        long size = 0;
        foreach (var path in new[] { Path.Combine(state, "conversation.jsonl"), Path.Combine(state, "mailbox", "dev.jsonl") })
        {
            using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
            for (var n = 0; n < count; n++)
            {
                writer.Write(
                    $"{{\"id\":\"m{n:D8}\",\"ts\":\"2026-11-24T10:00:00+00:00\",\"from\":\"gestor\",\"to\":\"dev\",\"text\":\"message {n} {padding}\",\"delivered\":true,\"submitted\":true,\"status\":\"submitted\"}}\n"
                );
            }

            writer.Flush();
            size = writer.BaseStream.Length;
        }

        return size;
    }
}
