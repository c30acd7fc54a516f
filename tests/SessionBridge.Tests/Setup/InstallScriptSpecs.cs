using CliWrap;
using CliWrap.Buffered;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Setup;

/// <summary>
/// ./install.sh as a new user runs it, on a temporary HOME, with the programs the tests already built
/// (<c>--from</c>, so no NativeAOT publish) and a fake <c>claude</c> that records its arguments.
/// </summary>
public sealed class InstallScriptSpecs : IDisposable
{
    private const string UserSettings = "{\n  \"model\": \"olá <b> & \\\"quoted\\\"\",\n  \"hooks\": {}\n}\n";

    private readonly TempDirectory _home = new("home");
    private readonly TempDirectory _fakes = new("fakes");

    private string Links => _home.Combine(".local", "bin");

    private string Prefix => _home.Combine(".local", "share", "session-bridge");

    private string ClaudeCalls => _home.Combine("claude-calls");

    private string SettingsPath => _home.Combine(".claude", "settings.json");

    private string Profile => _home.Combine(".bashrc");

    private const string PathLine = "export PATH=\"$HOME/.local/bin:$PATH\"";

    public InstallScriptSpecs()
    {
        var claude = Path.Combine(_fakes.Path, "claude");
        File.WriteAllText(claude, "#!/bin/sh\necho \"$*\" >> \"$HOME/claude-calls\"\n");
        File.SetUnixFileMode(claude, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(Path.GetDirectoryName(SettingsPath)!);
        File.WriteAllText(SettingsPath, UserSettings);
    }

    private static string SystemPath => "/usr/local/bin:/usr/bin:/bin";

    private Task<BufferedCommandResult> RunAsync(string path, params string[] arguments) =>
        Cli.Wrap(Path.Combine(RepositoryRoot.Path, "install.sh"))
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(OpenStdin)
            .WithEnvironmentVariables(env => env
                .Set("HOME", _home.Path)
                .Set("PATH", path)
                .Set("SHELL", "/bin/bash")
                .Set("SESSION_BRIDGE_PREFIX", null)
                .Set("SESSION_BRIDGE_DIR", null)
                .Set("TMUX", null)
                .Set("TMUX_PANE", null))
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken)
            .Task;

    /// <summary>
    /// Stdin as CI gives it: not a terminal, and never closed, so a script that waited for an answer would hang
    /// (until the spec's timeout) instead of reading an end of file.
    /// </summary>
    private static PipeSource OpenStdin =>
        PipeSource.Create(async (_, cancellationToken) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // CliWrap cancels the stdin pipe once the script has exited.
            }
        });

    private Task<BufferedCommandResult> InstallAsync(string path, params string[] flags) =>
        RunAsync(path, ["--from", AppContext.BaseDirectory, .. flags]);

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Install_links_both_programs_into_local_bin_and_says_how_to_put_it_on_PATH()
    {
        // Act
        var result = await InstallAsync($"{_fakes.Path}:{SystemPath}");

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        foreach (var program in new[] { "session-bridge", "session-bridge-hook" })
            new FileInfo(Path.Combine(Links, program)).LinkTarget.Should().Be(Path.Combine(Prefix, "bin", program));
        result.StandardOutput.Should().Contain($"{Links} is not on your PATH. Add this line to ~/.bashrc");
        result.StandardOutput.Should().Contain("  export PATH=\"$HOME/.local/bin:$PATH\"");
        File.ReadAllLines(ClaudeCalls).Should().Equal(
            "mcp remove session-bridge -s user",
            $"mcp add session-bridge -s user -- {Path.Combine(Prefix, "bin", "session-bridge")}");
        File.ReadAllText(SettingsPath).Should().Contain("\"model\": \"olá <b> & \\\"quoted\\\"\",\n  \"hooks\": {\n    \"SessionStart\": [");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Without_a_terminal_or_flags_install_asks_nothing_and_prints_what_to_run_next()
    {
        // Act
        var result = await InstallAsync($"{_fakes.Path}:{SystemPath}");

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().NotContain("(y/N)");
        result.StandardOutput.Should().Contain("(or run ./install.sh --add-path)");
        result.StandardOutput.Should().EndWith($"Next, in this terminal (it has not read ~/.bashrc), then in your project folder:\n  {PathLine}\n  session-bridge up\n");
        File.Exists(Profile).Should().BeFalse();
        File.ReadAllText(SettingsPath).Should().NotContain("mcp__session-bridge");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Install_add_path_adds_the_PATH_line_to_the_profile_once()
    {
        // Arrange
        File.WriteAllText(Profile, "alias ll='ls -l'\n");

        // Act
        var first = await InstallAsync($"{_fakes.Path}:{SystemPath}", "--add-path");
        var second = await InstallAsync($"{_fakes.Path}:{SystemPath}", "--add-path");

        // Assert
        first.ExitCode.Should().Be(0, first.StandardError);
        first.StandardOutput.Should().Contain($"Added {Links} to PATH in ~/.bashrc").And.NotContain("is not on your PATH");
        second.StandardOutput.Should().Contain($"~/.bashrc already adds {Links} to PATH");
        File.ReadAllLines(Profile).Should().Equal("alias ll='ls -l'", "", "# session-bridge (./install.sh)", PathLine);
        File.ReadAllText(SettingsPath).Should().NotContain("mcp__session-bridge");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Install_yes_adds_the_PATH_line_and_allows_the_tools()
    {
        // Act
        var result = await InstallAsync($"{_fakes.Path}:{SystemPath}", "--yes");

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        File.ReadAllLines(Profile).Should().Contain(PathLine);
        File.ReadAllText(SettingsPath).Should().Contain("\"mcp__session-bridge\"");
        result.StandardOutput.Should().NotContain("(y/N)").And.EndWith("session-bridge up\n");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task After_install_the_READMEs_commands_run_by_their_bare_names()
    {
        // Arrange
        var path = $"{Links}:{_fakes.Path}:{SystemPath}";

        // Act
        var install = await InstallAsync(path);
        var doctor = await Cli.Wrap("bash")
            .WithArguments(["-c", "session-bridge doctor"])
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(env => env.Set("HOME", _home.Path).Set("PATH", path).Set("TMUX", null).Set("TMUX_PANE", null))
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);

        // Assert
        install.StandardOutput.Should().NotContain("is not on your PATH").And.EndWith("Next, in your project folder:\n  session-bridge up\n");
        doctor.StandardOutput.Should().Contain($"ok   hook: {Path.Combine(Prefix, "bin", "session-bridge-hook")}");
        doctor.StandardOutput.Should().Contain($"ok   NATS companion: {Path.Combine(Prefix, "bin", "session-bridge-nats")}: present, unused until SESSION_BRIDGE_NATS is set");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Uninstall_without_claude_on_PATH_prints_the_line_to_run_and_leaves_nothing_behind()
    {
        // Arrange
        (await InstallAsync($"{_fakes.Path}:{SystemPath}")).ExitCode.Should().Be(0);

        // Act
        var result = await RunAsync(SystemPath, "--uninstall");

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().Contain("claude is not on PATH").And.Contain("\n  claude mcp remove session-bridge -s user\n");
        File.Exists(Path.Combine(Links, "session-bridge")).Should().BeFalse();
        new FileInfo(Path.Combine(Links, "session-bridge-hook")).LinkTarget.Should().BeNull();
        Directory.Exists(Prefix).Should().BeFalse("the prefix folder was left empty");
        File.ReadAllText(SettingsPath).Should().Be(UserSettings);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Uninstall_with_claude_on_PATH_removes_the_server_from_Claude_Code()
    {
        // Arrange
        (await InstallAsync($"{_fakes.Path}:{SystemPath}")).ExitCode.Should().Be(0);
        File.Delete(ClaudeCalls);

        // Act
        var result = await RunAsync($"{_fakes.Path}:{SystemPath}", "--uninstall");

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        File.ReadAllLines(ClaudeCalls).Should().Equal("mcp remove session-bridge -s user");
        result.StandardOutput.Should().Contain("Removed session-bridge from Claude Code (user scope).");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Install_allow_tools_adds_the_permission_rule_and_a_plain_install_says_how()
    {
        // Act
        var plain = await InstallAsync($"{_fakes.Path}:{SystemPath}");
        var allowing = await RunAsync($"{_fakes.Path}:{SystemPath}", "--from", AppContext.BaseDirectory, "--allow-tools");

        // Assert
        plain.ExitCode.Should().Be(0, plain.StandardError);
        plain.StandardOutput.Should().Contain("session-bridge install --allow-tools");
        allowing.ExitCode.Should().Be(0, allowing.StandardError);
        allowing.StandardOutput.Should().Contain("Added mcp__session-bridge to permissions.allow").And.NotContain("will stop on a permission prompt");
        File.ReadAllText(SettingsPath).Should().Contain("\"mcp__session-bridge\"");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_native_build_says_what_it_is_doing_and_what_its_time_depends_on()
    {
        // Arrange: a dotnet that builds nothing, so only what the script itself says is seen
        var dotnet = Path.Combine(_fakes.Path, "dotnet");
        File.WriteAllText(dotnet, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var output = _home.Combine("out");

        // Act
        var result = await Cli.Wrap(Path.Combine(RepositoryRoot.Path, "eng", "publish.sh"))
            .WithArguments([output])
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(env => env.Set("PATH", $"{_fakes.Path}:{SystemPath}"))
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);

        // Assert
        result.ExitCode.Should().Be(0, result.StandardError);
        result.StandardOutput.Should().StartWith("Compiling session-bridge, session-bridge-hook, session-bridge-nats and session-bridge-web to native code (NativeAOT")
            .And.Contain("the time depends on the cores and how busy they are,\nminutes on a 2-core machine")
            .And.NotContain("about");
        result.StandardOutput.Should().MatchRegex(@"NativeAOT build, \d+ s\.");
    }

    public void Dispose()
    {
        _home.Dispose();
        _fakes.Dispose();
    }
}
