using System.Diagnostics;
using SessionBridge.Server.Cli.Board;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Board;

/// <summary>--notify's command, run as a real process through sh -c.</summary>
public sealed class NotifyCommandSpecs : IDisposable
{
    private readonly TempDirectory _directory = new("notify");

    private static readonly BoardAlert Alert = new(AlertKind.Waiting, "dev", "%7", ListedState.WaitingSelect, "Run `rm -rf` $(touch pwned) \"now\"?");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_alert_reaches_the_command_in_its_environment_and_is_never_run_as_shell()
    {
        var output = _directory.Combine("env.txt");
        var command = new NotifyCommand($"cd '{_directory.Path}' && printf '%s\\n' \"$SESSION_BRIDGE_ROLE\" \"$SESSION_BRIDGE_STATE\" \"$SESSION_BRIDGE_QUESTION\" \"$SESSION_BRIDGE_PANE\" > env.txt", TimeSpan.FromSeconds(10));

        var problem = await command.RunAsync(Alert, TestContext.Current.CancellationToken);

        problem.Should().BeNull();
        File.ReadAllLines(output).Should().Equal("dev", "waiting_select", "Run `rm -rf` $(touch pwned) \"now\"?", "%7");
        File.Exists(_directory.Combine("pwned")).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_command_that_fails_says_how_with_the_end_of_its_stderr()
    {
        var command = new NotifyCommand("echo 'no display' >&2; exit 3", TimeSpan.FromSeconds(10));

        var problem = await command.RunAsync(Alert, TestContext.Current.CancellationToken);

        problem.Should().Be("exited 3: no display");
    }

    // The spec's bound (a hang) is under the command's 60 s: only the kill can end it in time.
    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_command_that_hangs_is_killed_with_its_children_after_its_time()
    {
        var pidFile = _directory.Combine("child.pid");
        var command = new NotifyCommand($"sleep 60 & echo $! > '{pidFile}'; wait", TimeSpan.FromMilliseconds(500));

        var problem = await command.RunAsync(Alert, TestContext.Current.CancellationToken);

        problem.Should().Contain("killed");
        var child = int.Parse(File.ReadAllText(pidFile).Trim());
        await Eventually.WaitAsync(() => !Directory.Exists($"/proc/{child}"), "the command's child to be gone");
    }

    public void Dispose() => _directory.Dispose();
}
