using System.Text.Json;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Reliability;

/// <summary>
/// Many processes writing the shared state at once, as one server per Claude Code session does: nothing
/// lost, nothing torn, every last write kept. Figures for docs/reliability.md.
/// </summary>
[Trait("Tier", "Slow")] // eight processes at once, thousands of writes: most of a 2-core run; left out of ./test.sh --fast
public sealed class LoadSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private const int Processes = 8;
    private readonly TempDirectory _state = new("state");

    [Fact(Timeout = Timeouts.Load)]
    public async Task Eight_processes_logging_2000_messages_each_lose_none_and_tear_none()
    {
        // Arrange
        const int perProcess = 2000;

        // Act
        await LoadWorker.RunAllAsync(_state.Path, Enumerable.Range(0, Processes).Select(i => new[] { "log", $"w{i}", "dev", $"{perProcess}" }));

        // Assert
        var expected = Enumerable.Range(0, Processes).SelectMany(i => Enumerable.Range(0, perProcess).Select(n => $"w{i}-{n}")).ToList();
        foreach (var log in new[] { "conversation.jsonl", Path.Combine("mailbox", "dev.jsonl") })
        {
            var text = File.ReadAllText(Path.Combine(_state.Path, log));
            text.Should().EndWith("\n", "{0} ends with a whole line", log);
            var ids = text.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()).ToList();
            ids.Should().HaveCount(Processes * perProcess, "{0} holds every message exactly once", log);
            // Sorted and compared with Equal: BeEquivalentTo is quadratic on 16,000 items.
            ids.Order(StringComparer.Ordinal).Should().Equal(expected.Order(StringComparer.Ordinal));
            // Each writer's own messages stay in the order it wrote them.
            for (var i = 0; i < Processes; i++)
                ids.Where(id => id!.StartsWith($"w{i}-", StringComparison.Ordinal)).Should().Equal(Enumerable.Range(0, perProcess).Select(n => $"w{i}-{n}"));
        }

        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));
        var history = (await server.CallAsync("history", new() { ["limit"] = 1000 })).Json().GetProperty("messages");
        history.GetArrayLength().Should().Be(1000);
        var inbox = (await server.CallAsync("inbox", new() { ["role"] = "dev", ["limit"] = 1000 })).Json().GetProperty("messages");
        inbox.GetArrayLength().Should().Be(1000);
        inbox[999].GetProperty("id").GetString().Should().Be(history[999].GetProperty("id").GetString());
    }

    [Fact(Timeout = Timeouts.Load)]
    public async Task Eight_processes_registering_and_saving_prompts_1000_times_each_keep_every_last_write()
    {
        // Arrange
        const int perProcess = 1000;

        // Act
        await LoadWorker.RunAllAsync(_state.Path, Enumerable.Range(0, Processes).Select(i => new[] { "state", $"{i}", $"{perProcess}" }));

        // Assert: each worker wrote 25 roles over and over; the last write of each is n = 975 + k.
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));
        var peers = (await server.CallAsync("list_peers", [])).Json().GetProperty("peers").EnumerateArray().ToList();
        var prompts = (await server.CallAsync("list_prompts", [])).Json().GetProperty("prompts").EnumerateArray().ToList();
        peers.Should().HaveCount(Processes * 25);
        prompts.Should().HaveCount(Processes * 25);
        for (var i = 0; i < Processes; i++)
        {
            for (var k = 0; k < 25; k++)
            {
                var role = $"w{i}r{k}";
                peers.Single(p => p.GetProperty("role").GetString() == role).GetProperty("pane").GetString().Should().Be($"%{975 + k}");
                prompts.Single(p => p.GetProperty("role").GetString() == role).GetProperty("prompt").GetString().Should().Be($"{role} prompt {975 + k}");
            }
        }

        Directory.EnumerateFiles(_state.Path, "*.tmp*").Should().BeEmpty("no temporary file is left behind");
    }

    [Fact(Timeout = Timeouts.Load)]
    public async Task Two_server_processes_sending_to_one_pane_at_once_deliver_every_message_whole_and_unmixed()
    {
        // Arrange: a stand-in for Claude Code records every submitted message; 2 real servers send to it at once.
        // Two, not eight: a send waits on the pane lock (30 s, then it fails) for at most the other's one send, so
        // a loaded machine cannot run the wait out; eight queued seven sends behind it (one took over 30 s at load 30).
        const int senders = 2;
        const int perProcess = 10;
        var (pane, log) = await tmux.StartFakeClaudeAsync();
        var environment = new Dictionary<string, string?> { ["TMUX"] = tmux.TmuxVariable, ["SESSION_BRIDGE_SETTLE_MS"] = "80" };
        await using (var registrar = await ServerProcess.StartAsync(_state.Path, environment))
            (await registrar.CallToolAsync("register", new Dictionary<string, object?> { ["role"] = "dev", ["pane"] = pane }, cancellationToken: TestContext.Current.CancellationToken)).Json();
        var clients = await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => ServerProcess.StartAsync(_state.Path, environment)));

        // Act
        var results = new List<JsonElement>();
        try
        {
            var sends = clients.Select(
                (client, i) =>
                    Task.Run(async () =>
                    {
                        var mine = new List<JsonElement>();
                        for (var n = 0; n < perProcess; n++)
                        {
                            var arguments = new Dictionary<string, object?> { ["to"] = "dev", ["from"] = $"w{i}", ["text"] = Text(i, n) };
                            mine.Add((await client.CallToolAsync("send", arguments, cancellationToken: TestContext.Current.CancellationToken)).Json());
                        }

                        return mine;
                    })
            );
            results.AddRange((await Task.WhenAll(sends)).SelectMany(r => r));
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }

        // Assert
        results.Should().OnlyContain(r => r.GetProperty("delivered").GetBoolean());
        var expected = Enumerable.Range(0, senders).SelectMany(i => Enumerable.Range(0, perProcess).Select(n => $"[from:w{i}] {Text(i, n)}"));
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(log).Length >= senders * perProcess, "every message to be submitted");
        PrivateTmuxServer.Submitted(log).Order(StringComparer.Ordinal).Should().Equal(expected.Order(StringComparer.Ordinal), "each message arrives whole, alone, with its own Enter");
    }

    private static string Text(int worker, int n) => $"message {n} from w{worker}\nsecond line of w{worker}-{n}\nthird line";

    public void Dispose() => _state.Dispose();
}
