using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using SessionBridge.State;
using SessionBridge.State.Nats;

namespace SessionBridge.Benchmarks;

/// <summary>
/// The hook's cost per event with SESSION_BRIDGE_NATS set: an event that only records presence must not touch the
/// network (its NATS address is a listener that counts connections, and must count none), and a SessionStart reads
/// the role and its briefing from the team's buckets. Each beside the same event on the file store, in the same run.
/// </summary>
internal sealed class NatsHookFigures(Bench bench, string hook, BenchNats nats)
{
    public void Presence()
    {
        var runs = bench.Quick ? 20 : 100;
        var stdin = """{"session_id":"x","transcript_path":"/tmp/x.jsonl","cwd":"/tmp","permission_mode":"default","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"ls -la"},"tool_use_id":"toolu_01"}""";

        using var counter = new TcpListener(IPAddress.Loopback, 0);
        counter.Start();
        var accepted = 0;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using var client = await counter.AcceptTcpClientAsync();
                Interlocked.Increment(ref accepted);
            }
        });

        // In chunks alternating between the stores, so that the machine's load falls on both alike.
        var (files, onNats) = (new Samples("files"), new Samples("nats"));
        var url = $"nats://127.0.0.1:{((IPEndPoint)counter.LocalEndpoint).Port}";
        for (var chunk = 0; chunk < 10; chunk++)
        {
            files.AddAll(PresenceRun("presence-files", runs / 10, stdin, null));
            onNats.AddAll(PresenceRun("presence-nats", runs / 10, stdin, url));
        }

        if (Volatile.Read(ref accepted) != 0)
            throw new InvalidOperationException($"a presence-only event connected to NATS ({accepted} connections)");
        bench.Report.Add(
            $"hook (NativeAOT), SESSION_BRIDGE_NATS set: PreToolUse → presence recorded, median / p95 of {runs} (connections to NATS: 0)",
            $"{Report.Ms(onNats.Median)} / {Report.Ms(onNats.P95)}",
            $"{Report.Ms(files.Median)} / {Report.Ms(files.P95)} on files",
            Report.Times(onNats.Median / files.Median),
            "no network; ≈ 1×"
        );
    }

    public async Task SessionStartAsync()
    {
        var runs = bench.Quick ? 10 : 20;
        var stdin = """{"hook_event_name":"SessionStart","source":"clear","session_id":"x","cwd":"/tmp"}""";
        var registration = new PeerRegistration("dev", "%1", "/tmp/bench.sock", 1, 2, "/", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        var prompt = new SavedPrompt("dev", "You are dev.", DateTimeOffset.UtcNow);

        // The same role and briefing in each store, written through the store as the tools write them.
        var filesState = bench.NewState("hook-start-files");
        var natsState = bench.NewState("hook-start-nats");
        var natsEnvironment = nats.Environment("benchhook", "a");
        foreach (var (state, variables) in new[] { (filesState, new Dictionary<string, string?>()), (natsState, natsEnvironment) })
        {
            var directory = new StateDirectory(state);
            directory.EnsureCreated();
            await using var store = StateStore.Open(directory, TimeSpan.FromSeconds(10), TimeProvider.System, name => variables.GetValueOrDefault(name), new NatsBackend());
            await store.Registry.SaveAsync(registration, CancellationToken.None);
            await store.Prompts.SaveAsync(prompt, CancellationToken.None);
        }

        var (files, onNats) = (new Samples("files"), new Samples("nats"));
        for (var chunk = 0; chunk < 5; chunk++)
        {
            files.AddAll(StartRun(filesState, runs / 5, stdin, []));
            onNats.AddAll(StartRun(natsState, runs / 5, stdin, natsEnvironment));
        }

        bench.Report.Add(
            $"hook (NativeAOT), SESSION_BRIDGE_NATS set: SessionStart → role and briefing read from NATS and printed (median / p95 of {runs})",
            $"{Report.Ms(onNats.Median)} / {Report.Ms(onNats.P95)}",
            $"{Report.Ms(files.Median)} / {Report.Ms(files.P95)} on files",
            Report.Times(onNats.Median / files.Median),
            "one connection per SessionStart"
        );
    }

    private Samples PresenceRun(string name, int runs, string stdin, string? natsUrl)
    {
        var state = bench.NewState(name);
        var environment = Bench.StateEnvironment(state);
        environment["TMUX_PANE"] = "%1";
        environment["TMUX"] = $"/tmp/bench.sock,{ParentPid()},0";
        if (natsUrl is not null)
        {
            environment["SESSION_BRIDGE_NATS"] = natsUrl;
            environment["SESSION_BRIDGE_TEAM"] = "benchhook";
            environment["SESSION_BRIDGE_HOST"] = "a";
        }

        var samples = Bench.Spawn(hook, runs, environment, stdin);
        var written = Directory.GetFiles(Path.Combine(state, "presence"), "*.json").Single();
        if (JsonNode.Parse(File.ReadAllText(written))?["state"]?.GetValue<string>() != "busy")
            throw new InvalidOperationException($"The hook did not record busy: {File.ReadAllText(written)}");
        return samples;
    }

    private Samples StartRun(string state, int runs, string stdin, Dictionary<string, string?> variables)
    {
        var environment = Bench.StateEnvironment(state);
        environment["TMUX_PANE"] = "%1";
        environment["TMUX"] = "/tmp/bench.sock,1,0";
        foreach (var (key, value) in variables)
            environment[key] = value;
        var output = Bench.RunOnce(hook, environment, stdin);
        if (!output.Contains("You are dev.", StringComparison.Ordinal))
            throw new InvalidOperationException($"The hook did not restore dev's briefing: {output}");
        return Bench.Spawn(hook, runs, environment, stdin);
    }

    private static int ParentPid()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 4)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
