using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CliWrap;
using CliWrap.Buffered;

namespace SessionBridge.Benchmarks;

/// <summary>
/// The board (session-bridge-web, NativeAOT) as a browser sees it: how soon a supervised role's permission request is
/// on the page after its hook starts, the board's CPU while eight roles idle with a page open, and its memory. Real
/// parts throughout: a private tmux server, the command line to register and supervise, the hook as a process, the
/// board's own event stream and API read with its token.
/// </summary>
internal sealed class WebFigures(Bench bench, string server, string hook, string web)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>From the hook's process start to its request in the board's event stream and in GET /api/team.</summary>
    public async Task RequestAsync()
    {
        await using var tmux = await BenchTmux.StartAsync(Path.Combine(bench.Work, "tmux-web-request"));
        var (state, home) = (bench.NewState("state-web-request"), bench.NewState("home-web-request"));
        // dev shows a menu, as Claude Code does while a request waits: a request whose screen shows none is taken as
        // answered there, and leaves the board.
        var log = Path.Combine(bench.Work, "menu-chosen.txt");
        File.WriteAllText(log, "");
        var dev = await tmux.NewPaneAsync($"exec '{await tmux.PythonAsClaudeAsync()}' '{bench.Fake("fake_menu.py")}' --log '{log}' --cursor 1");
        await tmux.WaitForScreenAsync(dev, "Enter to select");
        await CliAsync(tmux, state, home, "register", "dev", "--pane", dev);
        await CliAsync(tmux, state, home, "supervise", "dev", "--by", "person");
        await using var board = await BoardAsync(state, home);
        using var events = await board.EventsAsync();
        using var client = board.Client();
        // The first event is the board as it is: no request yet.
        if (Requests(await events.NextAsync()).Count != 0)
            throw new InvalidOperationException("the board showed a request before any hook ran");

        var runs = bench.Quick ? 7 : 20;
        var (written, streamed, listed) = (new Samples("written"), new Samples("streamed"), new Samples("listed"));
        // The first run warms the page cache and makes the requests folder (which a watcher could miss being filled as
        // it is made): not counted.
        for (var n = 0; n <= runs; n++)
        {
            using var files = new FileSystemWatcher(state) { IncludeSubdirectories = true, Filter = "*.json", EnableRaisingEvents = true };
            long fileAt = 0;
            // Created, or renamed into place (a file written whole, then renamed).
            void Seen(string path)
            {
                if (path.EndsWith(".json", StringComparison.Ordinal) && path.Contains($"{Path.DirectorySeparatorChar}requests{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    Interlocked.CompareExchange(ref fileAt, Bench.MonotonicNs(), 0);
            }

            files.Created += (_, e) => Seen(e.FullPath);
            files.Renamed += (_, e) => Seen(e.FullPath);
            var started = Bench.MonotonicNs();
            using var process = StartHook(tmux, state, dev, $"npm run build-{n}");
            string id;
            while (true)
            {
                var found = Requests(await events.NextAsync());
                if (found.Count > 0)
                {
                    id = found[0];
                    break;
                }
            }

            var inStream = Bench.MonotonicNs();
            // What a script (or a page that asks again) reads: the request in GET /api/team.
            var team = await client.GetStringAsync("/api/team");
            var inTeam = Bench.MonotonicNs();
            if (!team.Contains($"\"{id}\"", StringComparison.Ordinal))
                throw new InvalidOperationException($"GET /api/team did not list request {id}: {team}");
            var file = Interlocked.Read(ref fileAt);
            if (n > 0)
            {
                if (file == 0)
                    throw new InvalidOperationException("the request's file was not seen written");
                written.Add((file - started) / 1e6);
                streamed.Add((inStream - started) / 1e6);
                listed.Add((inTeam - started) / 1e6);
            }

            // Answer it, as the page's No does, so that the hook exits and the next run starts from an empty board.
            using var answer = await client.PostAsync(
                "/api/respond",
                new StringContent($$"""{"role":"dev","request":"{{id}}","option":"No","reason":"benchmark"}""", Encoding.UTF8, "application/json")
            );
            if (!answer.IsSuccessStatusCode)
                throw new InvalidOperationException($"POST /api/respond: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            if (!process.WaitForExit(30_000))
                throw new InvalidOperationException("the hook did not exit after its request was answered");
            while (Requests(await events.NextAsync()).Count > 0)
            {
                // Until the board shows the request gone.
            }
        }

        bench.Report.Add(
            $"board: hook starts → its request in the page's event stream, median / p95 of {runs}",
            $"{Report.Ms(streamed.Median)} / {Report.Ms(streamed.P95)}",
            $"{Report.Ms(written.Median)} the hook writing its request file",
            Report.Times(streamed.Median / written.Median),
            "≤ 1 s"
        );
        bench.Report.Add(
            $"board: hook starts → its request in GET /api/team after that event, median / p95 of {runs}",
            $"{Report.Ms(listed.Median)} / {Report.Ms(listed.P95)}",
            $"{Report.Ms(written.Median)} the hook writing its request file",
            Report.Times(listed.Median / written.Median),
            "≤ 1 s"
        );
    }

    /// <summary>The board's CPU over a window with eight idle roles: no page, a page open, a page with one screen shown.</summary>
    public async Task IdleAsync()
    {
        const int count = 8;
        var window = TimeSpan.FromSeconds(bench.Quick ? 10 : 30);
        await using var tmux = await BenchTmux.StartAsync(Path.Combine(bench.Work, "tmux-web-idle"));
        var (state, home) = (bench.NewState("state-web-idle"), bench.NewState("home-web-idle"));
        var panes = new List<ClaudeTurnsPane>();
        try
        {
            for (var n = 0; n < count; n++)
            {
                var pane = await ClaudeTurnsPane.StartAsync(bench, tmux, $"web{n}", null, state);
                panes.Add(pane);
                await tmux.WaitForScreenAsync(pane.Pane, "auto mode on");
                await CliAsync(tmux, state, home, "register", $"role{n}", "--pane", pane.Pane);
            }

            await using var board = await BoardAsync(state, home);
            var started = board.Memory();
            var alone = await CpuAsync(board.Pid, window);
            double open, screen;
            using (var events = await board.EventsAsync())
            {
                var first = await events.NextAsync();
                if (!first.Contains("\"role7\"", StringComparison.Ordinal))
                    throw new InvalidOperationException($"the board's first event does not show the eight roles: {first}");
                open = await CpuAsync(board.Pid, window);

                // A person looking at one role: the page asks for its screen once a second.
                using var client = board.Client();
                using var stop = new CancellationTokenSource();
                var reads = 0;
                var looking = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var text = await client.GetStringAsync("/api/screen?role=role0&lines=0", CancellationToken.None);
                        using var read = JsonDocument.Parse(text);
                        if (read.RootElement.GetProperty("screen").GetString()?.Contains('❯', StringComparison.Ordinal) != true)
                            throw new InvalidOperationException($"GET /api/screen did not return role0's screen: {text}");
                        reads++;
                        await Task.Delay(1000, CancellationToken.None);
                    }
                });
                screen = await CpuAsync(board.Pid, window);
                await stop.CancelAsync();
                await looking;
                if (reads < 2)
                    throw new InvalidOperationException("the screen was not read during the window");
            }

            var ended = board.Memory();
            var seconds = window.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
            bench.Report.Add(
                $"board: CPU over {seconds} s, {count} roles idle, a page open (its event stream), as % of one core",
                Percent(open),
                $"{Percent(alone)} no page open",
                alone > 0 ? Report.Times(open / alone) : "— (baseline 0)",
                "≤ 1%"
            );
            bench.Report.Add(
                $"board: the same with one role's screen shown (GET /api/screen once a second)",
                Percent(screen),
                $"{Percent(open)} a page open, no screen shown",
                open > 0 ? Report.Times(screen / open) : "— (baseline 0)",
                "—"
            );
            bench.Report.Add(
                "board: memory, peak (VmHWM) / resident (VmRSS)",
                $"{Report.Mb(ended.Peak)} / {Report.Mb(ended.Resident)} after the run",
                $"{Report.Mb(started.Peak)} / {Report.Mb(started.Resident)} just started",
                Report.Times(ended.Peak / started.Peak),
                "—"
            );
        }
        finally
        {
            foreach (var pane in panes)
                pane.Dispose();
        }
    }

    private static List<string> Requests(string view)
    {
        using var json = JsonDocument.Parse(view);
        return json.RootElement.GetProperty("teams").EnumerateArray()
            .SelectMany(t => t.GetProperty("requests").EnumerateArray())
            .Select(r => r.GetProperty("id").GetString()!)
            .ToList();
    }

    private Process StartHook(BenchTmux tmux, string state, string pane, string command)
    {
        var info = new ProcessStartInfo(hook) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in Bench.StateEnvironment(state))
            Set(info, key, value);
        Set(info, "TMUX", tmux.Variable);
        Set(info, "TMUX_PANE", pane);
        // No deliverer: the notice to the person stays held, nothing is typed anywhere.
        Set(info, "SESSION_BRIDGE_CLI", "/nonexistent/session-bridge");
        Set(info, "SESSION_BRIDGE_NATS", null);
        var process = Process.Start(info)!;
        process.StandardInput.Write(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["hook_event_name"] = "PermissionRequest",
            ["session_id"] = "bench",
            ["tool_name"] = "Bash",
            ["tool_input"] = new Dictionary<string, string> { ["command"] = command, ["description"] = "Build it" },
            ["permission_suggestions"] = Array.Empty<object>(),
        }));
        process.StandardInput.Close();
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static void Set(ProcessStartInfo info, string key, string? value)
    {
        if (value is null)
            info.Environment.Remove(key);
        else
            info.Environment[key] = value;
    }

    private async Task CliAsync(BenchTmux tmux, string state, string home, params string[] arguments)
    {
        var result = await Cli.Wrap(server)
            .WithArguments(arguments)
            .WithWorkingDirectory(home)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(env => env
                .Set("SESSION_BRIDGE_DIR", state)
                .Set("HOME", home)
                .Set("TMUX", tmux.Variable)
                .Set("TMUX_PANE", null)
                .Set("SESSION_BRIDGE_NATS", null)
                .Set("NO_COLOR", "1"))
            .ExecuteBufferedAsync();
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"session-bridge {string.Join(' ', arguments)}: {result.StandardOutput}{result.StandardError}");
    }

    private async Task<BoardUnderTest> BoardAsync(string state, string home)
    {
        var info = new ProcessStartInfo(web) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = home };
        foreach (var argument in new[] { "--port", "0", "--json" })
            info.ArgumentList.Add(argument);
        foreach (var name in new[] { "TMUX", "TMUX_PANE", "SESSION_BRIDGE_NATS", "SESSION_BRIDGE_TEAM" })
            info.Environment.Remove(name);
        info.Environment["SESSION_BRIDGE_DIR"] = state;
        info.Environment["HOME"] = home;
        var process = Process.Start(info)!;
        _ = process.StandardError.ReadToEndAsync();
        var first = await process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException($"session-bridge-web printed nothing and exited {(process.WaitForExit(5000) ? process.ExitCode : -1)}");
        using var json = JsonDocument.Parse(first);
        return new BoardUnderTest(process, json.RootElement.GetProperty("token").GetString()!, json.RootElement.GetProperty("port").GetInt32());
    }

    /// <summary>The board's share of one core (utime + stime from /proc/PID/stat) over <paramref name="window"/>.</summary>
    private static async Task<double> CpuAsync(int pid, TimeSpan window)
    {
        var before = Ticks(pid);
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        var elapsed = clock.Elapsed.TotalSeconds;
        return (Ticks(pid) - before) / TicksPerSecond / elapsed;
    }

    private static long Ticks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[14 - 3], CultureInfo.InvariantCulture) + long.Parse(fields[15 - 3], CultureInfo.InvariantCulture);
    }

    private static string Percent(double share) => (share * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
