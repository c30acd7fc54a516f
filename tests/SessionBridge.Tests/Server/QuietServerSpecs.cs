using System.Diagnostics;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Server;

/// <summary>
/// Claude Code keeps a server's stderr in its MCP logs: by default the built server writes warnings and
/// errors only, and <c>SESSION_BRIDGE_LOG</c> asks for more or less. Driven over raw stdio, so stderr is read
/// to its end once the server has exited.
/// </summary>
public sealed class QuietServerSpecs : IDisposable
{
    private readonly TempDirectory _state = new("state");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task By_default_a_tool_call_writes_nothing_to_stderr()
    {
        // Act
        var stderr = await CallOnceAsync(level: null);

        // Assert
        stderr.Should().BeEmpty();
    }

    [Theory(Timeout = Timeouts.Spec)]
    [InlineData("info")]
    [InlineData("debug")]
    public async Task SESSION_BRIDGE_LOG_asks_for_more(string level)
    {
        // Act
        var stderr = await CallOnceAsync(level);

        // Assert
        stderr.Should().Contain("info: ").And.Contain("session-bridge starting").And.Contain("\"list_peers\" completed");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_level_it_does_not_know_is_refused_naming_the_variable_the_value_and_the_levels()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var info = new ProcessStartInfo(BuiltExecutables.Server)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["SESSION_BRIDGE_DIR"] = _state.Path;
        info.Environment["HOME"] = _state.Path;
        info.Environment["SESSION_BRIDGE_LOG"] = "chatty";

        // Act
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30)); // a bound on a hang: a refused server exits before it reads
        await process.WaitForExitAsync(timeout.Token);

        // Assert
        process.ExitCode.Should().Be(1);
        (await stderr).Should().Contain("SESSION_BRIDGE_LOG is \"chatty\": it must be one of trace, debug, info");
    }

    // Starts the server, initializes, makes one tool call, waits for its answer, closes stdin, and returns
    // everything the server wrote to stderr up to its exit.
    private async Task<string> CallOnceAsync(string? level)
    {
        var ct = TestContext.Current.CancellationToken;
        var info = new ProcessStartInfo(BuiltExecutables.Server)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "TMUX", "TMUX_PANE", "SESSION_BRIDGE_LOG" })
            info.Environment.Remove(name);
        info.Environment["SESSION_BRIDGE_DIR"] = _state.Path;
        info.Environment["HOME"] = _state.Path;
        if (level is not null)
            info.Environment["SESSION_BRIDGE_LOG"] = level;

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardInput.WriteLineAsync(
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"spec","version":"1"}}}"""
        );
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await process.StandardInput.WriteLineAsync(
            """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_peers","arguments":{}}}"""
        );
        await process.StandardInput.FlushAsync(ct);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("\"id\":2", StringComparison.Ordinal))
                break;
        }

        process.StandardInput.Close(); // the server ends when its stdin does, flushing its log first
        await process.WaitForExitAsync(timeout.Token);
        return await stderr;
    }

    public void Dispose() => _state.Dispose();
}
