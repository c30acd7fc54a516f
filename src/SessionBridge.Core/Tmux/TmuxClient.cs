using System.ComponentModel;
using System.Globalization;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace SessionBridge.Tmux;

/// <summary>
/// The one door to tmux. Every call goes through CliWrap with arguments as an array (no shell), to the
/// user's server (<c>-S socket</c>) rather than the default server of whoever runs this process.
/// </summary>
internal sealed class TmuxClient(string? socket, TimeSpan timeout)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string? Socket { get; } = socket;

    /// <summary>Looks a pane up; a missing pane (or server) is a <see cref="PaneProbe.Missing"/>, not an exception.</summary>
    public async Task<PaneProbe> InspectAsync(string pane, CancellationToken cancellationToken = default)
    {
        // Tab-separated: pane_current_command may contain spaces.
        const string format =
            "#{pane_id}\t#{pane_dead}\t#{pane_pid}\t#{pane_in_mode}\t#{pane_current_command}\t#{pid}\t#{pane_current_path}";
        var result = await RunAsync(["display-message", "-p", "-t", pane, format], null, cancellationToken);
        if (result.ExitCode != 0)
            return PaneProbe.Missing(Describe(result.StandardError, pane));

        var fields = result.StandardOutput.TrimEnd('\n').Split('\t');
        // A missing pane can still exit 0 with empty fields: only the same pane id counts.
        if (fields.Length < 7 || fields[0] != pane)
            return PaneProbe.Missing($"pane {pane} does not exist on this tmux server");

        return PaneProbe.Found(
            new PaneInfo(
                fields[0],
                fields[1] == "1",
                ParseInt(fields[2]),
                fields[3] == "1",
                fields[4],
                ParseInt(fields[5]),
                fields[6]
            )
        );
    }

    /// <summary>
    /// Pastes <paramref name="text"/> through a uniquely named buffer: stdin has no argv size limit and no
    /// <c>;</c> parsing, and <c>-p</c> wraps it in bracketed-paste markers when the program asked for them.
    /// </summary>
    public async Task PasteAsync(string pane, string text, CancellationToken cancellationToken = default)
    {
        var buffer = $"session-bridge-{Environment.ProcessId}-{Guid.NewGuid():N}";
        var load = await RunAsync(["load-buffer", "-b", buffer, "-"], text, cancellationToken);
        EnsureSuccess(load, "load-buffer");
        var paste = await RunAsync(
            ["paste-buffer", "-p", "-d", "-b", buffer, "-t", pane],
            null,
            cancellationToken
        );
        if (paste.ExitCode != 0)
        {
            await RunAsync(["delete-buffer", "-b", buffer], null, CancellationToken.None);
            EnsureSuccess(paste, "paste-buffer");
        }
    }

    /// <summary>Sends one key by name (Enter, Escape, Up, C-c…).</summary>
    public async Task SendKeyAsync(string pane, string key, CancellationToken cancellationToken = default) =>
        EnsureSuccess(await RunAsync(["send-keys", "-t", pane, key], null, cancellationToken), "send-keys");

    /// <summary>Types characters literally (<c>-l</c>): a digit or letter is never read as a key name.</summary>
    public async Task SendLiteralAsync(string pane, string text, CancellationToken cancellationToken = default)
    {
        // tmux reads an argument ending in ';' as a command separator; "\;" is its escape for a literal one.
        var argument = text.EndsWith(';') ? text[..^1] + "\\;" : text;
        EnsureSuccess(
            await RunAsync(["send-keys", "-t", pane, "-l", argument], null, cancellationToken),
            "send-keys -l"
        );
    }

    /// <summary>The visible screen plus <paramref name="scrollback"/> lines above it, trailing blank lines trimmed.</summary>
    public async Task<string> CaptureAsync(string pane, int scrollback, CancellationToken cancellationToken = default)
    {
        string[] arguments = scrollback > 0
            ? ["capture-pane", "-p", "-J", "-t", pane, "-S", "-" + scrollback.ToString(CultureInfo.InvariantCulture)]
            : ["capture-pane", "-p", "-J", "-t", pane];
        var result = await RunAsync(arguments, null, cancellationToken);
        EnsureSuccess(result, "capture-pane");
        return result.StandardOutput.TrimEnd('\n', ' ', '\r');
    }

    /// <summary>
    /// Hands this process's terminal to tmux on <paramref name="session"/> until the user detaches: <c>attach</c>,
    /// or <c>switch-client</c> from inside tmux. Interactive, so not through CliWrap's pipes: tmux needs the terminal.
    /// </summary>
    public async Task<int> AttachAsync(string session, bool insideTmux, CancellationToken cancellationToken = default)
    {
        var info = new System.Diagnostics.ProcessStartInfo("tmux") { UseShellExecute = false };
        if (Socket is not null)
        {
            info.ArgumentList.Add("-S");
            info.ArgumentList.Add(Socket);
        }

        foreach (var argument in new[] { insideTmux ? "switch-client" : "attach", "-t", session })
            info.ArgumentList.Add(argument);
        try
        {
            using var process = System.Diagnostics.Process.Start(info)
                ?? throw new TmuxException("tmux could not be started to attach.");
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode;
        }
        catch (Win32Exception e)
        {
            throw TmuxException.Missing(e);
        }
    }

    /// <summary>tmux's own version line ("tmux 3.3a"); needs no server.</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        var command = Cli.Wrap("tmux").WithArguments(["-V"]).WithValidation(CommandResultValidation.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var result = await command.ExecuteBufferedAsync(Utf8, Utf8, deadline.Token);
            return result.StandardOutput.Trim();
        }
        catch (Win32Exception e)
        {
            throw TmuxException.Missing(e);
        }
    }

    /// <summary>
    /// Runs one tmux command and returns its output; a failure is a <see cref="TmuxException"/> naming
    /// <paramref name="arguments"/>' command. For the commands the team launcher needs (sessions, windows, options).
    /// </summary>
    public async Task<string> CommandAsync(string[] arguments, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(arguments, null, cancellationToken);
        EnsureSuccess(result, arguments[0]);
        return result.StandardOutput;
    }

    /// <summary>Like <see cref="CommandAsync"/>, but a non-zero exit is an answer (null), not an exception.</summary>
    public async Task<string?> TryCommandAsync(string[] arguments, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(arguments, null, cancellationToken);
        return result.ExitCode == 0 ? result.StandardOutput : null;
    }

    private async Task<BufferedCommandResult> RunAsync(
        string[] arguments,
        string? standardInput,
        CancellationToken cancellationToken
    )
    {
        string[] all = Socket is null ? arguments : ["-S", Socket, .. arguments];
        var command = Cli.Wrap("tmux").WithArguments(all).WithValidation(CommandResultValidation.None);
        if (standardInput is not null)
            command = command.WithStandardInputPipe(PipeSource.FromString(standardInput, Utf8));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await command.ExecuteBufferedAsync(Utf8, Utf8, deadline.Token);
        }
        catch (Win32Exception e)
        {
            throw TmuxException.Missing(e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TmuxException(
                $"tmux did not answer within {timeout.TotalSeconds:0.#} s ({arguments[0]}).",
                e
            );
        }
    }

    private string Describe(string standardError, string pane)
    {
        var error = standardError.Trim();
        if (error.Contains("no server running", StringComparison.Ordinal)
            || error.Contains("error connecting", StringComparison.Ordinal)
            || error.Contains("No such file", StringComparison.Ordinal))
        {
            return $"no tmux server is running at {Socket ?? "the default socket"}";
        }

        return error.Contains("can't find", StringComparison.Ordinal)
            ? $"pane {pane} does not exist on this tmux server"
            : $"tmux could not find pane {pane}: {error}";
    }

    private static void EnsureSuccess(BufferedCommandResult result, string what)
    {
        if (result.ExitCode != 0)
            throw new TmuxException($"tmux {what} failed: {result.StandardError.Trim()}");
    }

    private static int ParseInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
