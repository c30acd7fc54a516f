using SessionBridge.Hook;
using SessionBridge.Tmux;

// Never exit non-zero and never print anything but our JSON: Claude Code shows a failing hook to the user.
try
{
    Func<string, string?> environment = Environment.GetEnvironmentVariable;
    var pane = environment("TMUX_PANE");
    // Outside tmux there is no pane to restore or to record: do not even read stdin.
    if (string.IsNullOrWhiteSpace(pane) || !PaneId.IsValid(pane))
        return 0;

    var input = HookStdin.Read(Console.OpenStandardInput());
    if (input is null)
        return 0;

    try
    {
        PresenceHook.Record(input, pane, environment);
    }
    catch (Exception e)
    {
        // Presence is a hint the screen checks: failing to record it must not cost the SessionStart restore.
        Console.Error.WriteLine($"session-bridge-hook: presence not recorded: {e.GetType().Name}: {e.Message}");
    }

    var output = SessionStartHook.Run(input, pane, environment);
    if (output is not null)
        Console.Out.Write(output);
}
catch (Exception e)
{
    Console.Error.WriteLine($"session-bridge-hook: {e.GetType().Name}: {e.Message}");
}

return 0;
