using System.Diagnostics;
using System.Text.Json;

namespace SessionBridge.Benchmarks;

/// <summary>
/// <c>session-bridge up</c> for a team of three, from the command's start to its exit with every role ready (its
/// SessionStart hook reported and its screen idle), against starting the same three sessions by hand, one after
/// the other: a new window, the same claude command, wait for its idle prompt. The claude is the specs' stand-in
/// (fake_claude_cli.py, which runs the real hook at its start), so the figures are session-bridge's own cost, not
/// Claude Code's start-up. The hand-made baseline leaves out what a person does besides (typing register and a
/// briefing in each session), which up does too.
/// </summary>
internal sealed class TeamUpFigures(Bench bench, string server, string hook, string? realClaude = null)
{
    private static readonly string[] Roles = ["gestor", "dev", "reviewer"];

    /// <summary>A made-up key: Claude Code only needs one that looks real and that .claude.json approved.</summary>
    private const string ApiKey = "sk-ant-api03-sessionbridge-bench-000000000000000000000000000000000000000000000000000000000";

    public async Task RunAsync()
    {
        await using var tmux = await BenchTmux.StartAsync(Path.Combine(bench.Work, realClaude is null ? "tmux-team" : "tmux-team-real"));
        var real = realClaude is not null;
        var claude = real ? await RealClaudeAsync(realClaude!) : await FakeClaudeAsync(tmux);
        var what = real ? "the real Claude Code, hook wired" : "fake claude running the hook";
        var runs = real ? (bench.Quick ? 2 : 3) : bench.Quick ? 3 : 7;
        var up = new Samples("up");
        var again = new Samples("up again");
        var byHand = new Samples("by hand");
        for (var n = 0; n < runs; n++)
        {
            // One team at a time: Claude Code renames a session whose --name another live one has.
            var (first, second) = await UpTwiceAsync(tmux, claude, n);
            up.Add(first);
            again.Add(second);
            await Bench.Run("tmux", ["-S", tmux.Socket, "kill-session", "-t", $"={TeamName(n)}"]);
            byHand.Add(await ByHandAsync(tmux, claude, n));
        }

        bench.Report.Add(
            $"up: a team of 3 ({what}), start → every role ready, median / p95 of {runs}",
            $"{Report.Ms(up.Median)} / {Report.Ms(up.P95)}",
            $"{Report.Ms(byHand.Median)} the same 3 started by hand, one after the other",
            Report.Times(up.Median / byHand.Median),
            "≤ 1× by hand"
        );
        bench.Report.Add(
            $"up again on the running team ({what}; every role kept), median",
            Report.Ms(again.Median),
            $"{Report.Ms(up.Median)} the first up",
            Report.Times(again.Median / up.Median),
            ""
        );
    }

    private async Task<(double First, double Second)> UpTwiceAsync(BenchTmux tmux, string claude, int n)
    {
        var state = bench.NewState($"state-team-{n}{(realClaude is null ? "" : "-real")}");
        var folder = Project(n, "team");
        var home = bench.NewState($"claude-team-{n}{(realClaude is null ? "" : "-real")}");
        var teamFile = Path.Combine(folder, "session-bridge.json");
        await File.WriteAllTextAsync(teamFile, JsonSerializer.Serialize(new
        {
            name = TeamName(n),
            command = claude,
            env = new Dictionary<string, string> { ["FAKE_CLAUDE_DIR"] = home, ["FAKE_CLAUDE_HOOK"] = hook },
            roles = Roles.ToDictionary(r => r, r => new { briefing = $"You are {r}." }),
        }));
        var environment = Bench.StateEnvironment(state);
        var first = await TimeAsync(environment, folder, teamFile, tmux.Socket);
        var second = await TimeAsync(environment, folder, teamFile, tmux.Socket);
        return (first, second);
    }

    private async Task<double> TimeAsync(Dictionary<string, string?> environment, string folder, string teamFile, string socket)
    {
        var info = new ProcessStartInfo(server) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        foreach (var argument in new[] { "up", teamFile, "--socket", socket, "--json" })
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"session-bridge up exited {process.ExitCode}: {await output}{await errors}");
        return elapsed;
    }

    /// <summary>What a person does: for each role in turn, a new window running the same command, then wait for its prompt.</summary>
    private async Task<double> ByHandAsync(BenchTmux tmux, string claude, int n)
    {
        var state = bench.NewState($"state-hand-{n}{(realClaude is null ? "" : "-real")}");
        var home = bench.NewState($"claude-hand-{n}{(realClaude is null ? "" : "-real")}");
        var panes = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var role in Roles)
        {
            var pane = await tmux.NewPaneAsync(
                $"cd '{Project(n, "hand")}' && exec env SESSION_BRIDGE_DIR='{state}' FAKE_CLAUDE_DIR='{home}' FAKE_CLAUDE_HOOK='{hook}' '{claude}' --session-id {Guid.NewGuid()} --name {role}"
            );
            panes.Add(pane);
            // The idle footer: "? for shortcuts", or the permission mode's line in its place.
            for (var screen = ""; !screen.Contains("? for shortcuts", StringComparison.Ordinal) && !screen.Contains("shift+tab to cycle", StringComparison.Ordinal); screen = await tmux.CaptureAsync(pane))
                await Task.Delay(20);
        }

        var elapsed = clock.Elapsed.TotalMilliseconds;
        foreach (var pane in panes)
            await Bench.Run("tmux", ["-S", tmux.Socket, "kill-pane", "-t", pane]);
        return elapsed;
    }

    private string TeamName(int n) => $"bench-up-{n}{(realClaude is null ? "" : "-real")}";

    /// <summary>A project folder; for the real Claude Code, one its HOME already trusts.</summary>
    private string Project(int n, string kind) => Directory.CreateDirectory(Path.Combine(bench.Work, realClaude is null ? "projects" : "projects-real", $"{kind}-{n}")).FullName;

    /// <summary>
    /// The real Claude Code behind a launcher that gives it a HOME of its own (onboarding done, the key approved,
    /// the projects trusted, the hook wired by session-bridge install as a user wires it), no network (its model is
    /// an address nothing listens on: starting needs none), and none of an outer session's variables.
    /// </summary>
    private async Task<string> RealClaudeAsync(string claude)
    {
        var home = Directory.CreateDirectory(Path.Combine(bench.Work, "claude-home")).FullName;
        var version = (await Bench.Run(claude, ["--version"])).Trim().Split(' ')[0];
        var projects = new System.Text.Json.Nodes.JsonObject();
        foreach (var kind in new[] { "team", "hand" })
        {
            for (var n = 0; n < 10; n++)
                projects[Project(n, kind)] = new System.Text.Json.Nodes.JsonObject { ["hasTrustDialogAccepted"] = true, ["hasCompletedProjectOnboarding"] = true };
        }

        var state = new System.Text.Json.Nodes.JsonObject
        {
            ["hasCompletedOnboarding"] = true,
            ["hasSeenAutoDefaultNotice"] = true,
            ["hasSeenAutoDefaultNudge"] = true,
            ["hasResetAutoModeOptInForDefaultOffer"] = true,
            ["lastReleaseNotesSeen"] = version,
            ["customApiKeyResponses"] = new System.Text.Json.Nodes.JsonObject { ["approved"] = new System.Text.Json.Nodes.JsonArray(ApiKey[^20..]), ["rejected"] = new System.Text.Json.Nodes.JsonArray() },
            ["projects"] = projects,
        };
        await File.WriteAllTextAsync(Path.Combine(home, ".claude.json"), state.ToJsonString());
        var settings = Path.Combine(home, ".claude", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        await File.WriteAllTextAsync(settings, "{}");
        await Bench.Run(server, ["install", "--hook", hook, "--settings", settings]);

        var launcher = Path.Combine(bench.Work, "real-claude-bin", "claude");
        Directory.CreateDirectory(Path.GetDirectoryName(launcher)!);
        var forget = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(v => v.StartsWith("ANTHROPIC_", StringComparison.Ordinal) || v.StartsWith("CLAUDE", StringComparison.Ordinal) || v.StartsWith("OTEL_", StringComparison.Ordinal));
        var lines = new List<string> { "#!/bin/sh" };
        lines.AddRange(forget.Select(v => $"unset {v}"));
        lines.AddRange([
            $"export HOME='{home}' ANTHROPIC_API_KEY='{ApiKey}' ANTHROPIC_BASE_URL='http://127.0.0.1:9'",
            "export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1 DISABLE_TELEMETRY=1 DISABLE_ERROR_REPORTING=1",
            $"exec '{claude}' \"$@\"",
        ]);
        await File.WriteAllLinesAsync(launcher, lines);
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return launcher;
    }

    /// <summary>The stand-in as one program named claude, as a team file names it.</summary>
    private async Task<string> FakeClaudeAsync(BenchTmux tmux)
    {
        var path = Path.Combine(bench.Work, "fake-claude-bin", "claude");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, $"#!/bin/sh\nexec '{await tmux.PythonAsClaudeAsync()}' '{bench.Fake("fake_claude_cli.py")}' \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
