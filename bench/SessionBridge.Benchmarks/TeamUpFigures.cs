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
internal sealed class TeamUpFigures(Bench bench, string server, string hook)
{
    private static readonly string[] Roles = ["gestor", "dev", "reviewer"];

    public async Task RunAsync()
    {
        await using var tmux = await BenchTmux.StartAsync(Path.Combine(bench.Work, "tmux-team"));
        var claude = await FakeClaudeAsync(tmux);
        var runs = bench.Quick ? 3 : 7;
        var up = new Samples("up");
        var again = new Samples("up again");
        var byHand = new Samples("by hand");
        for (var n = 0; n < runs; n++)
        {
            var (first, second) = await UpTwiceAsync(tmux, claude, n);
            up.Add(first);
            again.Add(second);
            byHand.Add(await ByHandAsync(tmux, claude, n));
        }

        bench.Report.Add(
            $"up: a team of 3 (fake claude running the hook), start → every role ready, median / p95 of {runs}",
            $"{Report.Ms(up.Median)} / {Report.Ms(up.P95)}",
            $"{Report.Ms(byHand.Median)} the same 3 started by hand, one after the other",
            Report.Times(up.Median / byHand.Median),
            "≤ 1× by hand"
        );
        bench.Report.Add(
            "up again on the running team (every role kept), median",
            Report.Ms(again.Median),
            $"{Report.Ms(up.Median)} the first up",
            Report.Times(again.Median / up.Median),
            ""
        );
    }

    private async Task<(double First, double Second)> UpTwiceAsync(BenchTmux tmux, string claude, int n)
    {
        var state = bench.NewState($"state-team-{n}");
        var folder = bench.NewState($"team-{n}");
        var home = bench.NewState($"claude-team-{n}");
        var teamFile = Path.Combine(folder, "session-bridge.json");
        await File.WriteAllTextAsync(teamFile, JsonSerializer.Serialize(new
        {
            name = $"bench-up-{n}",
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
        var state = bench.NewState($"state-hand-{n}");
        var home = bench.NewState($"claude-hand-{n}");
        var clock = Stopwatch.StartNew();
        foreach (var role in Roles)
        {
            var pane = await tmux.NewPaneAsync(
                $"exec env SESSION_BRIDGE_DIR='{state}' FAKE_CLAUDE_DIR='{home}' FAKE_CLAUDE_HOOK='{hook}' '{claude}' --session-id {Guid.NewGuid()} --name {role}"
            );
            await tmux.WaitForScreenAsync(pane, "? for shortcuts");
        }

        return clock.Elapsed.TotalMilliseconds;
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
