using SessionBridge.Hook;
using SessionBridge.Processes;

// A team on NATS: session-bridge-nats, beside this program, carries the NATS client; this one carries none. It takes
// over this process (execv: the same stdin, stdout and environment) before anything is read or built.
if (Companion.Wanted(Environment.GetEnvironmentVariable))
{
    // The hook never fails Claude Code: a line on stderr, nothing on stdout, exit 0.
    Console.Error.WriteLine($"session-bridge-hook: {Companion.HandOver([Companion.HookArgument])}");
    return 0;
}

return await HookProgram.RunAsync(null);
