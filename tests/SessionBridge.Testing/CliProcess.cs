using CliWrap;
using CliWrap.Buffered;

namespace SessionBridge.Testing;

/// <summary>Runs <c>session-bridge &lt;command&gt;</c> as a real process with its own environment.</summary>
/// <param name="variables">More of its environment (the NATS store's variables), over the rest.</param>
public sealed class CliProcess(
    string stateDirectory,
    string home,
    PrivateTmuxServer? tmux = null,
    string? pane = null,
    IReadOnlyDictionary<string, string?>? variables = null
)
{
    /// <summary>
    /// A command run outside tmux (no $TMUX, no $TMUX_PANE), as a person's shell runs it, with a tmux "default server"
    /// of its own (TMUX_TMPDIR in <paramref name="home"/>), so no spec asks the user's.
    /// </summary>
    public static CliProcess OutsideTmux(string stateDirectory, string home, IReadOnlyDictionary<string, string?>? variables = null) =>
        new(stateDirectory, home, variables: new Dictionary<string, string?>(variables ?? new Dictionary<string, string?>()) { ["TMUX_TMPDIR"] = home });

    public async Task<BufferedCommandResult> RunAsync(params string[] arguments) => await RunWithInputAsync(null, arguments);

    public async Task<BufferedCommandResult> RunWithInputAsync(string? input, params string[] arguments)
    {
        var command = Cli.Wrap(BuiltExecutables.Server)
            .WithArguments(arguments)
            .WithWorkingDirectory(home)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(env => env
                .Set("SESSION_BRIDGE_DIR", stateDirectory)
                .Set("HOME", home)
                .Set("TMUX", tmux?.TmuxVariable)
                .Set("TMUX_PANE", pane)
                .Set("NO_COLOR", "1")
                .Set(variables ?? new Dictionary<string, string?>()));
        if (input is not null)
            command = command.WithStandardInputPipe(PipeSource.FromString(input));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        return await command.ExecuteBufferedAsync(timeout.Token);
    }
}
