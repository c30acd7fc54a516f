using SessionBridge.Hook;
using SessionBridge.Processes;
using SessionBridge.Server;
using SessionBridge.State.Nats;

// session-bridge and session-bridge-hook hand over here (execv) when SESSION_BRIDGE_NATS is set: the hook with "hook"
// first, the server and the commands with their own arguments.
var nats = new NatsBackend();
if (args is [Companion.HookArgument, ..])
    return await HookProgram.RunAsync(nats);
return await ServerProgram.RunAsync(args, new RemoteParts(nats, nats));
