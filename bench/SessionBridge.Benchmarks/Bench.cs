using System.Diagnostics;
using CliWrap;
using CliWrap.Buffered;

namespace SessionBridge.Benchmarks;

/// <summary>What every figure group shares: the run's options, its scratch directory, the report, and how to start things.</summary>
internal sealed class Bench(string repo, string work, bool quick, Report report)
{
    public string Repo { get; } = repo;

    public string Work { get; } = work;

    public bool Quick { get; } = quick;

    public Report Report { get; } = report;

    /// <summary>A fresh state directory under the run's scratch directory.</summary>
    public string NewState(string name) => Directory.CreateDirectory(Path.Combine(Work, name)).FullName;

    /// <summary>A file the specs' fakes keep (tests/SessionBridge.Testing/Fakes), or the benchmark's own.</summary>
    public string Fake(string name) =>
        new[] { Path.Combine(Repo, "tests/SessionBridge.Testing/Fakes", name), Path.Combine(Repo, "bench/SessionBridge.Benchmarks", name) }.First(File.Exists);

    /// <summary>A screen captured from Claude Code 2.1.328 at 160x45, as the specs keep it.</summary>
    public string Screen(string name) => Path.Combine(Repo, "tests/SessionBridge.Tests/Fixtures/screens-2.1.328-160x45", name);

    /// <summary>An environment with its own state directory and HOME, outside any tmux.</summary>
    public static Dictionary<string, string?> StateEnvironment(string state) =>
        new()
        {
            ["SESSION_BRIDGE_DIR"] = state,
            ["HOME"] = state,
            ["TMUX"] = null,
            ["TMUX_PANE"] = null,
            // The loop brake would stop a benchmark's run of sends to one peer.
            ["SESSION_BRIDGE_MAX_PER_MINUTE"] = "1000",
        };

    /// <summary>Starts <paramref name="executable"/> runs + 1 times (the first warms the page cache) and times each to its exit.</summary>
    public static Samples Spawn(string executable, int runs, Dictionary<string, string?>? environment = null, string? stdin = null)
    {
        var samples = new Samples(executable);
        for (var n = 0; n < runs + 1; n++)
        {
            var info = new ProcessStartInfo(executable) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var (key, value) in environment ?? [])
                info.Environment[key] = value;
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            if (stdin is not null)
                process.StandardInput.Write(stdin);
            process.StandardInput.Close();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (n > 0)
                samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        return samples;
    }

    /// <summary>Runs <paramref name="executable"/> once with <paramref name="stdin"/> and returns what it printed.</summary>
    public static string RunOnce(string executable, Dictionary<string, string?> environment, string stdin)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var (key, value) in environment)
        {
            if (value is null)
                info.Environment.Remove(key);
            else
                info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    public static async Task<string> Run(string program, string[] arguments, bool validate = true)
    {
        var result = await Cli.Wrap(program)
            .WithArguments(arguments)
            .WithValidation(validate ? CommandResultValidation.ZeroExitCode : CommandResultValidation.None)
            .ExecuteBufferedAsync();
        return result.StandardOutput;
    }

    /// <summary>Now on CLOCK_MONOTONIC in nanoseconds, the clock python's time.monotonic_ns() reads (Stopwatch is it on Linux).</summary>
    public static long MonotonicNs() => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
}
