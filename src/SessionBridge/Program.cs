using SessionBridge.Processes;
using SessionBridge.Server;

// A team on NATS: session-bridge-nats, beside this program, carries the NATS client; this one carries none. It takes
// over this process (execv: the same pid, stdin, stdout and environment) before anything is read or built.
if (Companion.Wanted(Environment.GetEnvironmentVariable))
{
    Console.Error.WriteLine($"session-bridge: {Companion.HandOver(args)}");
    return 1;
}

return await ServerProgram.RunAsync(args, null);
