using System.Globalization;
using SessionBridge;
using SessionBridge.Bridge;
using SessionBridge.State;

// session-bridge-load log <from> <to> <count>      append <count> messages as send logs them
// session-bridge-load state <worker> <count>       register roles and save prompts, <count> times each
// session-bridge-load log-forever <from> <to>      append until killed (for the torn-write test)
// The state directory comes from SESSION_BRIDGE_DIR, as for the server.
var store = new StateStore(new StateDirectory(BridgeSettings.Read().StateDirectory), TimeSpan.FromSeconds(60), TimeProvider.System);
store.Directory.EnsureCreated();
var now = DateTimeOffset.UtcNow;
var padding = new string('x', 120);

switch (args)
{
    case ["log", var from, var to, var count]:
        for (var n = 0; n < Count(count); n++)
            await store.Messages.AppendAsync(Message(from, to, n), CancellationToken.None);
        break;

    case ["log-forever", var from, var to]:
        for (var n = 0; ; n++)
            await store.Messages.AppendAsync(Message(from, to, n), CancellationToken.None);

    case ["state", var worker, var count]:
        for (var n = 0; n < Count(count); n++)
        {
            // 25 roles per worker, each written again and again: a lost update would lose a role or an old value win.
            var role = $"w{worker}r{n % 25}";
            await store.Registry.SaveAsync(new PeerRegistration(role, $"%{n}", null, null, null, null, now, now), CancellationToken.None);
            await store.Prompts.SaveAsync(new SavedPrompt(role, $"{role} prompt {n}", now), CancellationToken.None);
        }

        break;

    default:
        Console.Error.WriteLine("usage: session-bridge-load log <from> <to> <count> | log-forever <from> <to> | state <worker> <count>");
        return 2;
}

return 0;

MessageRecord Message(string from, string to, int n) =>
    new($"{from}-{n}", DateTimeOffset.UtcNow, from, to, $"{from}-{n} {padding}", false, false, "load test");

static int Count(string text) => int.Parse(text, CultureInfo.InvariantCulture);
