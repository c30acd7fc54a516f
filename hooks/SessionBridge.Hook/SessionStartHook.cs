using System.Text;
using System.Text.Json;
using SessionBridge.Startup;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Hook;

/// <summary>
/// The hook's whole job: read Claude Code's JSON from stdin, find the role registered for <c>$TMUX_PANE</c>
/// on this tmux server, and print its briefing as additionalContext. Anything it cannot use (no tmux, no
/// registration, no prompt, bad stdin, unreadable state) means no output: a session start is never blocked.
/// </summary>
internal static class SessionStartHook
{
    // Claude Code writes stdin and closes it at once; if a caller leaves it open, do not wait long.
    private static readonly TimeSpan StdinWait = TimeSpan.FromSeconds(2);
    private const int MaxInput = 1024 * 1024;

    public static async Task<string?> RunAsync(Stream stdin, Func<string, string?> environment)
    {
        var pane = environment("TMUX_PANE");
        if (string.IsNullOrWhiteSpace(pane) || !PaneId.IsValid(pane))
            return null;

        var input = await ReadInputAsync(stdin);
        if (input is null || input.HookEventName is not (null or "SessionStart"))
            return null;

        var socket = TmuxSocket.FromTmuxVariable(environment("TMUX"));
        var state = new StateStore(StateDirectory.FromEnvironment(environment), TimeSpan.FromSeconds(2));
        if (!Directory.Exists(state.Directory.Root))
            return null;

        var context = SessionStartContext.Build(state, pane, socket, input.Source);
        return context is null
            ? null
            : JsonSerializer.Serialize(
                new HookOutput(new HookSpecificOutput("SessionStart", context)),
                HookJsonContext.Output.HookOutput
            );
    }

    private static async Task<HookInput?> ReadInputAsync(Stream stdin)
    {
        using var buffer = new MemoryStream();
        var read = CopyAsync(stdin, buffer);
        if (await Task.WhenAny(read, Task.Delay(StdinWait)) != read || !await read)
            return null;
        if (buffer.Length == 0)
            return null;
        try
        {
            return JsonSerializer.Deserialize(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), HookJsonContext.Default.HookInput);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<bool> CopyAsync(Stream from, MemoryStream to)
    {
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await from.ReadAsync(chunk)) > 0)
        {
            if (to.Length + n > MaxInput)
                return false;
            to.Write(chunk, 0, n);
        }

        return true;
    }
}
