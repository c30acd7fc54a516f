using System.Diagnostics;
using System.Text.Json;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;
using SessionBridge.Testing;

namespace SessionBridge.Benchmarks;

/// <summary>
/// Watching a worker: the original's <c>/loop 30s</c> against supervision, on the real Claude Code with the
/// end-to-end specs' scripted model, over the same stretch of work with the same questions. dev is asked to run
/// three Bash commands (each a permission dialog) at the same moments in both runs.
/// <list type="bullet">
/// <item>The loop: every 30 s a pass is typed into gestor, as <c>/loop 30s</c> injects its prompt (one model turn a
/// pass). gestor's model calls detect_question on dev and, when a menu shows, respond with the key "1" (Yes).</item>
/// <item>Supervision: gestor supervises dev, is told once per question and answers with respond(dev, "Yes"),
/// through dev's PermissionRequest hook.</item>
/// </list>
/// A question is timed from its dialog first seen on dev's screen (polled every 50 ms) to the command's file
/// existing (the answer taken).
/// </summary>
internal sealed class SupervisionFigures(Bench bench)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private static readonly string[] Yes = ["1"];

    private const string Dialog = "Do you want to proceed?";

    private const string Notice = "waits on";

    /// <summary>The stretch, and when dev asks its questions: 5, 15 and 25 s into a 30 s cycle, so the loop's waits are 25, 15 and 5 s (mean 15 s, as for questions at random times).</summary>
    private static readonly TimeSpan Stretch = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan[] Questions = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(85)];

    private sealed record Run(int Turns, int ModelRequests, List<double> Answers, List<double> Notices, List<double> Closes);

    public async Task RunAsync()
    {
        var claude = new ClaudeInstallation();
        await claude.InitializeAsync();
        if (claude.Executable is null)
            throw new InvalidOperationException("Claude Code is not available: " + claude.Problem);

        var loop = await RunOnceAsync(claude, supervised: false);
        var supervision = await RunOnceAsync(claude, supervised: true);
        var perHour = TimeSpan.FromHours(1) / Stretch;
        var questions = Questions.Length;
        bench.Report.Add(
            $"watching dev: gestor's turns over {Stretch.TotalSeconds:0} s with {questions} questions (→ per hour), supervision",
            $"{supervision.Turns} (→ {supervision.Turns * perHour:0})",
            $"{loop.Turns} (→ {loop.Turns * perHour:0}) with /loop 30s",
            Report.Times((double)supervision.Turns / loop.Turns),
            $"= questions ({questions})"
        );
        bench.Report.Add(
            $"watching dev: gestor's model requests over {Stretch.TotalSeconds:0} s (→ per hour), supervision",
            $"{supervision.ModelRequests} (→ {supervision.ModelRequests * perHour:0})",
            $"{loop.ModelRequests} (→ {loop.ModelRequests * perHour:0}) with /loop 30s",
            Report.Times((double)supervision.ModelRequests / loop.ModelRequests),
            ""
        );
        bench.Report.Add(
            $"watching dev: dialog → answer taken, mean / max of {questions}, supervision",
            $"{Report.Ms(supervision.Answers.Average())} / {Report.Ms(supervision.Answers.Max())}",
            $"{Report.Ms(loop.Answers.Average())} / {Report.Ms(loop.Answers.Max())} with /loop 30s",
            Report.Times(supervision.Answers.Average() / loop.Answers.Average()),
            ""
        );
        bench.Report.Add(
            $"supervision: dev's PermissionRequest → gestor's model gets the notice, mean / max of {questions}",
            $"{Report.Ms(supervision.Notices.Average())} / {Report.Ms(supervision.Notices.Max())}",
            $"{Report.Ms(loop.Answers.Average())} dialog → answer with /loop 30s",
            Report.Times(supervision.Notices.Average() / loop.Answers.Average()),
            "< 2 s"
        );
        bench.Report.Add(
            $"supervision: respond decides → dev's dialog gone, mean / max of {questions}",
            $"{Report.Ms(supervision.Closes.Average())} / {Report.Ms(supervision.Closes.Max())}",
            "—",
            "—",
            "≤ 1 s"
        );
    }

    private static async Task<Run> RunOnceAsync(ClaudeInstallation claude, bool supervised)
    {
        var label = supervised ? "supervision" : "/loop 30s";
        Console.Error.WriteLine($"Watching dev with {label}: starting gestor and dev on the real Claude Code…");
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        if (supervised)
        {
            var supervise = await world.Bridge().RunAsync("supervise", "dev", "--by", "gestor");
            if (supervise.ExitCode != 0)
                throw new InvalidOperationException("supervise failed: " + supervise.StandardOutput + supervise.StandardError);
            for (var n = 0; n < Questions.Length; n++)
                gestor.Model.Enqueue(Turn.Bridge("respond", new { role = "dev", option = "Yes" }), Turn.Reply("Allowed dev's command."));
        }
        else
        {
            // The loop's model calls respond only when a menu shows, a turn the scripted model picks (Turn.Choose)
            // and so cannot precede with the ToolSearch that loads it: load both tools before the stretch.
            gestor.Model.Enqueue(
                Turn.Call("ToolSearch", new { query = "select:" + Turn.BridgeTool("detect_question"), max_results = 1 }),
                Turn.Call("ToolSearch", new { query = "select:" + Turn.BridgeTool("respond"), max_results = 1 }),
                Turn.Reply("Ready to watch dev."));
            await gestor.TypeAsync("Load the tools to watch dev.");
            await gestor.WaitForScreenAsync(s => s.Contains("Ready to watch dev.", StringComparison.Ordinal), "gestor ready");
        }

        var requestsBefore = gestor.Model.MainRequests.Count;
        var seen = new DateTimeOffset?[Questions.Length];
        var done = new DateTimeOffset?[Questions.Length];
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(() => WatchAsync(dev, seen, done, stop.Token));
        var clock = Stopwatch.StartNew();
        var passes = 0;
        var asked = 0;
        var nextPass = TimeSpan.Zero;
        while (clock.Elapsed < Stretch)
        {
            if (asked < Questions.Length && clock.Elapsed >= Questions[asked])
            {
                var n = asked++;
                dev.Model.Enqueue(
                    Turn.Call("Bash", new { command = $"touch {Marker(n)}", description = $"Create marker {n}" }),
                    Turn.Reply($"Marker {n} over."));
                await dev.TypeAsync($"Create marker {n}.");
            }

            if (!supervised && clock.Elapsed >= nextPass)
            {
                passes++;
                nextPass += Period;
                EnqueuePass(gestor);
                await gestor.TypeAsync("/loop pass: is dev waiting on a question? If a menu shows, answer Yes.");
            }

            await Task.Delay(50);
        }

        // Every question answered before the stretch is counted over.
        await Eventually.WaitAsync(() => done.All(d => d is not null), "every question answered", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await watcher;
        var requests = gestor.Model.MainRequests;
        var answers = Enumerable.Range(0, Questions.Length).Select(n => (done[n]!.Value - seen[n]!.Value).TotalMilliseconds).ToList();
        var notices = new List<double>();
        var closes = new List<double>();
        if (supervised)
        {
            var records = Directory.EnumerateFiles(Path.Combine(world.State, "requests"), "*.json")
                .Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement)
                .ToList();
            for (var n = 0; n < Questions.Length; n++)
            {
                var record = records.Single(r => r.GetRawText().Contains(Marker(n), StringComparison.Ordinal));
                var id = record.GetProperty("id").GetString()!;
                var told = requests.First(r => r.LastUserText.Contains($"request {id}", StringComparison.Ordinal) && r.LastUserText.Contains(Notice, StringComparison.Ordinal));
                notices.Add((told.ReceivedAt - record.GetProperty("createdAt").GetDateTimeOffset()).TotalMilliseconds);
                closes.Add((done[n]!.Value - record.GetProperty("endedAt").GetDateTimeOffset()).TotalMilliseconds);
            }
        }

        var turns = supervised ? requests.Count(r => r.LastUserText.Contains("[from:dev]", StringComparison.Ordinal)) : passes;
        Console.Error.WriteLine($"{label}: {turns} turns, {requests.Count - requestsBefore} model requests, answers {string.Join(", ", answers.Select(a => $"{a:0} ms"))}");
        return new Run(turns, requests.Count - requestsBefore, answers, notices, closes);
    }

    /// <summary>
    /// One pass of the loop, as its model does it: detect_question on dev, then respond with the key "1" (Yes) when
    /// a menu shows and a short reply, or a short reply when none does. The reply after respond is scripted when
    /// respond is picked (the script's lock lets the same thread add to it).
    /// </summary>
    private static void EnqueuePass(ClaudeSession gestor) =>
        gestor.Model.Enqueue(
            Turn.Bridge("detect_question", new { role = "dev" }),
            Turn.Choose(request =>
            {
                var detected = JsonDocument.Parse(request.ToolResult(Turn.BridgeTool("detect_question")) ?? "{}").RootElement;
                var waiting = detected.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0;
                if (!waiting)
                    return Turn.Reply("dev is not waiting.");
                gestor.Model.Enqueue(Turn.Reply("Answered dev's menu."));
                return Turn.Bridge("respond", new { role = "dev", keys = Yes });
            }));

    /// <summary>Polls dev's screen and project: when each question's dialog first shows, and when its file exists.</summary>
    private static async Task WatchAsync(ClaudeSession dev, DateTimeOffset?[] seen, DateTimeOffset?[] done, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var screen = await dev.ScreenAsync();
            var now = DateTimeOffset.UtcNow;
            for (var n = 0; n < seen.Length; n++)
            {
                if (seen[n] is null && screen.Contains(Dialog, StringComparison.Ordinal) && screen.Contains(Marker(n), StringComparison.Ordinal))
                    seen[n] = now;
                if (done[n] is null && File.Exists(Path.Combine(dev.Directory, Marker(n))))
                    done[n] = now;
            }

            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static string Marker(int n) => $"bench-marker-{n}.txt";
}
