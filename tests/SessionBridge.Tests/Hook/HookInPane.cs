using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Hook;

/// <summary>
/// A shell in a real tmux pane that runs the built hook as Claude Code would: a child of the pane's
/// process, with the TMUX and TMUX_PANE tmux gives it and the event JSON on stdin. So the hook's walk up
/// /proc to the pane's process is the real one.
/// </summary>
internal sealed class HookInPane
{
    private readonly PrivateTmuxServer _tmux;
    private readonly string _stateDirectory;
    private readonly TempDirectory _files;

    private HookInPane(PrivateTmuxServer tmux, string stateDirectory, TempDirectory files, string pane)
    {
        _tmux = tmux;
        _stateDirectory = stateDirectory;
        _files = files;
        Pane = pane;
    }

    public string Pane { get; }

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    /// <summary>Starts a shell in a new window of <paramref name="tmux"/>; <paramref name="files"/> holds stdin and outputs.</summary>
    public static async Task<HookInPane> StartAsync(PrivateTmuxServer tmux, string stateDirectory, TempDirectory files)
    {
        var pane = await tmux.StartPaneAsync("exec sh");
        await tmux.WaitForCommandAsync(pane, "sh");
        return new HookInPane(tmux, stateDirectory, files, pane);
    }

    /// <summary>What tmux says the pane is: the identity a registration holds.</summary>
    public async Task<PaneIdentity> IdentityAsync()
    {
        var fields = (await _tmux.DisplayAsync(Pane, "#{pid} #{pane_pid}")).Split(' ');
        return new PaneIdentity(_tmux.Socket, int.Parse(fields[0]), Pane, int.Parse(fields[1]));
    }

    /// <summary>Runs the hook once with <paramref name="stdin"/> and waits for it to exit.</summary>
    /// <param name="path">The hook's <c>PATH</c>, when not the pane shell's.</param>
    public async Task<Outcome> RunAsync(string stdin, string? path = null)
    {
        var run = Guid.NewGuid().ToString("N");
        var input = _files.Combine($"in-{run}.json");
        await File.WriteAllTextAsync(input, stdin, TestContext.Current.CancellationToken);
        var withPath = path is null ? "" : $"PATH='{path}' ";
        return await RunCommandAsync(run, $"{withPath}'{BuiltExecutables.Hook}' < '{input}'");
    }

    /// <summary>Starts the hook <paramref name="count"/> times at once (background jobs of the pane's shell), each with <paramref name="stdin"/>, and returns each one's stdout.</summary>
    public async Task<string[]> RunAtOnceAsync(int count, string stdin)
    {
        var run = Guid.NewGuid().ToString("N");
        var input = _files.Combine($"in-{run}.json");
        await File.WriteAllTextAsync(input, stdin, TestContext.Current.CancellationToken);
        var outputs = Enumerable.Range(0, count).Select(n => _files.Combine($"out-{run}-{n}")).ToArray();
        var jobs = string.Join(" ", outputs.Select(o => $"'{BuiltExecutables.Hook}' < '{input}' > '{o}' &"));
        var outcome = await RunCommandAsync(run, $"{jobs} wait", TimeSpan.FromSeconds(30));
        outcome.ExitCode.Should().Be(0);
        return await Task.WhenAll(outputs.Select(o => File.ReadAllTextAsync(o, TestContext.Current.CancellationToken)));
    }

    /// <summary>Runs the hook <paramref name="times"/> times in a row in the pane's shell, alternating the inputs.</summary>
    public async Task RunManyAsync(int times, params string[] stdins)
    {
        var run = Guid.NewGuid().ToString("N");
        var inputs = new List<string>();
        foreach (var (stdin, n) in stdins.Select((s, n) => (s, n)))
        {
            inputs.Add(_files.Combine($"in-{run}-{n}.json"));
            await File.WriteAllTextAsync(inputs[^1], stdin, TestContext.Current.CancellationToken);
        }

        var body = string.Join("; ", inputs.Select(i => $"'{BuiltExecutables.Hook}' < '{i}'"));
        var outcome = await RunCommandAsync(run, $"i=0; while [ $i -lt {times} ]; do {body}; i=$((i+1)); done", TimeSpan.FromSeconds(60));
        outcome.ExitCode.Should().Be(0);
    }

    private async Task<Outcome> RunCommandAsync(string run, string command, TimeSpan? timeout = null)
    {
        var (stdout, stderr, rc) = (_files.Combine($"out-{run}"), _files.Combine($"err-{run}"), _files.Combine($"rc-{run}"));
        var line = $"export SESSION_BRIDGE_DIR='{_stateDirectory}'; {{ {command}; }} > '{stdout}' 2> '{stderr}'; echo $? > '{rc}.tmp'; mv '{rc}.tmp' '{rc}'";
        await _tmux.Tmux("send-keys", "-t", Pane, "-l", line);
        await _tmux.Tmux("send-keys", "-t", Pane, "Enter");
        await Eventually.WaitAsync(() => File.Exists(rc), $"the hook to finish in {Pane}", timeout);
        return new Outcome(
            int.Parse((await File.ReadAllTextAsync(rc, TestContext.Current.CancellationToken)).Trim()),
            await File.ReadAllTextAsync(stdout, TestContext.Current.CancellationToken),
            await File.ReadAllTextAsync(stderr, TestContext.Current.CancellationToken)
        );
    }
}
