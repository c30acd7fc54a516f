using SessionBridge.Benchmarks;

// Figures for docs/performance.md, each beside a baseline measured in the same run.
//   dotnet run -c Release --project bench/SessionBridge.Benchmarks [-- --quick] [--server <path>] [--hook <path>] [--hook-only] [--wait-only] [--team-only [--claude <path>]] [--supervision-only] [--web-only [--web <path>]] [--nats-only [--before <folder>]] [--lean <older build folder> [--after <folder>] [--floor "<command> <arguments…>"]]
// Without --server/--hook, eng/publish.sh (as install.sh) publishes them NativeAOT into bench/SessionBridge.Benchmarks/obj/aot.
var quick = args.Contains("--quick");
var hookOnly = args.Contains("--hook-only"); // the hook's figures alone: no server build or runs
var waitOnly = args.Contains("--wait-only"); // wait_for and send figures alone (and the hook's)
var teamOnly = args.Contains("--team-only"); // session-bridge up against starting the sessions by hand, alone
// /loop 30s against supervision on the real Claude Code (a few minutes), alone: it runs the build's own server and
// hook as the end-to-end specs do, so nothing is published.
var supervisionOnly = args.Contains("--supervision-only");
// The store on NATS (a nats-server on loopback, two simulated hosts), alone; with --before <folder> (an older build's
// session-bridge and session-bridge-hook), the file store of this build against that one too.
var natsOnly = args.Contains("--nats-only");
// The board (session-bridge-web, or --web <path>), alone: a request on the page after the hook, its CPU and memory.
var webOnly = args.Contains("--web-only");
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var repo = FindRepository();
var report = new Report();
var work = Directory.CreateTempSubdirectory("sb-bench-").FullName;
var bench = new Bench(repo, work, quick, report);
var output = Console.Out;

try
{
    if (supervisionOnly)
    {
        await new SupervisionFigures(bench).RunAsync();
        output.WriteLine();
        output.WriteLine($"SessionBridge benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, --supervision-only");
        output.WriteLine();
        report.Print(output);
        return 0;
    }

    // --lean with --after compares two folders already published: nothing to build.
    var given = (Option("--server") is not null && Option("--hook") is not null) || (Option("--lean") is not null && Option("--after") is not null);
    var published = given ? null : await PublishAotAsync();
    var aotHook = Option("--hook") ?? Path.Combine(published ?? Option("--after")!, "session-bridge-hook");
    var trueStart = Bench.Spawn("/bin/true", quick ? 10 : 20);
    report.Add("process start → exit: /bin/true", Report.Ms(trueStart.Median), "—", "1.00×", "baseline");

    // Issue 27: this build's lean programs against an older build's folder (--lean <folder>), and the dead NATS store.
    if (Option("--lean") is { } leanBefore)
    {
        // --floor: the original's stack (Bun + the MCP TypeScript SDK) as a command line, e.g. "bun bench/floor/server.ts".
        var floor = Option("--floor")?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        new LeanFigures(bench, leanBefore, Option("--after") ?? published ?? Path.GetDirectoryName(aotHook)!, floor).Run();
        output.WriteLine($"SessionBridge benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, --lean{(quick ? ", --quick" : "")}");
        output.WriteLine();
        report.Print(output);
        return 0;
    }

    if (webOnly)
    {
        var board = new WebFigures(
            bench,
            Option("--server") ?? Path.Combine(published!, "session-bridge"),
            aotHook,
            Option("--web") ?? Path.Combine(published ?? Path.GetDirectoryName(aotHook)!, "session-bridge-web")
        );
        await board.RequestAsync();
        await board.IdleAsync();
        output.WriteLine();
        output.WriteLine($"SessionBridge benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, --web-only{(quick ? ", --quick" : "")}");
        output.WriteLine();
        report.Print(output);
        return 0;
    }

    if (natsOnly)
    {
        var natsServer = Option("--server") ?? Path.Combine(published!, "session-bridge");
        if (Option("--before") is { } beforeFolder)
        {
            await new SeamFigures(
                bench,
                (Path.Combine(beforeFolder, "session-bridge"), Path.Combine(beforeFolder, "session-bridge-hook")),
                (natsServer, aotHook)
            ).RunAsync();
        }

        using var nats = BenchNats.Start(Path.Combine(work, "nats"))
            ?? throw new InvalidOperationException("--nats-only needs nats-server (Debian package nats-server).");
        var natsHooks = new NatsHookFigures(bench, aotHook, nats);
        var hosts = new NatsCrossHostFigures(bench, natsServer, aotHook, nats);
        // Each group on its own: one that cannot run says so in its row, and the others are still measured.
        foreach (var (name, group) in new (string, Func<Task>)[]
        {
            ("hook, presence-only event with SESSION_BRIDGE_NATS set", () => { natsHooks.Presence(); return Task.CompletedTask; }),
            ("hook, SessionStart from NATS", () => natsHooks.SessionStartAsync()),
            ("NATS, send to a pane on another host", hosts.SendAsync),
            ("NATS, wait_for across hosts", hosts.WaitAsync),
            // Helper figures of their own (in-process reads through the store), printed as they come, above the table.
            ("NATS, history and inbox on a 1,000,000-message stream against 10,000", () => NatsHistoryFigures.RunAsync(nats.Url, output)),
        })
        {
            try
            {
                await group();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                report.Add(name, "not measured", "—", "—", "could not run: " + e.Message.Split('\n')[0]);
            }
        }
        output.WriteLine();
        output.WriteLine($"SessionBridge benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, --nats-only{(quick ? ", --quick" : "")}");
        output.WriteLine();
        report.Print(output);
        return 0;
    }

    if (teamOnly)
    {
        var upServer = Option("--server") ?? Path.Combine(published!, "session-bridge");
        await new TeamUpFigures(bench, upServer, aotHook).RunAsync();
        if (Option("--claude") is { } realClaude)
            await new TeamUpFigures(bench, upServer, aotHook, realClaude).RunAsync();
    }
    else if (!hookOnly)
    {
        var aotServer = Option("--server") ?? Path.Combine(published!, "session-bridge");
        if (!waitOnly)
        {
            var jitServer = Path.Combine(repo, "src/SessionBridge/bin/Release/net10.0/session-bridge");
            if (!File.Exists(jitServer))
                await Bench.Run("dotnet", ["build", Path.Combine(repo, "src/SessionBridge"), "-c", "Release", "--nologo", "-v", "q"]);
            foreach (var (label, server) in new[] { ("NativeAOT", aotServer), ("JIT", jitServer) })
                new ServerFigures(bench).Run(label, server, trueStart);
            new LogFigures(bench).Run(aotServer, quick ? 100_000 : 1_000_000);
        }

        await new SendFigures(bench, aotServer, aotHook).RunAsync();
        var waits = new WaitFigures(bench, aotServer, aotHook);
        await waits.LatencyAsync();
        await waits.CpuAsync();
        if (!waitOnly)
        {
            new ClassifierFigures(bench).Run();
            await new TeamUpFigures(bench, aotServer, aotHook).RunAsync();
        }
    }

    if (!teamOnly)
    {
        var hooks = new HookFigures(bench, aotHook, trueStart);
        hooks.SessionStart();
        hooks.Presence();
    }

    output.WriteLine();
    output.WriteLine($"SessionBridge benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}{(quick ? ", --quick" : "")}");
    output.WriteLine();
    report.Print(output);
}
finally
{
    Directory.Delete(work, recursive: true);
}

return 0;

// The binaries install.sh ships, made the same way (eng/publish.sh), on every run: dotnet publish only redoes
// what changed, so a stale copy is never measured.
async Task<string> PublishAotAsync()
{
    var directory = Path.Combine(repo, "bench/SessionBridge.Benchmarks/obj/aot");
    Console.Error.WriteLine($"Publishing the server, the hook and the board with NativeAOT into {directory} (eng/publish.sh; a minute or two when they changed)…");
    await Bench.Run(Path.Combine(repo, "eng/publish.sh"), ["--aot-only", directory, "-v", "q"]);
    return directory;
}

static string FindRepository()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "SessionBridge.sln")))
            return directory.FullName;
    }

    throw new InvalidOperationException("Run the benchmark from inside the SessionBridge repository.");
}
