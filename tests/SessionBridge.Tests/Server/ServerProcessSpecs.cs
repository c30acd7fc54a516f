using System.Text.Json;
using ModelContextProtocol.Client;

namespace SessionBridge.Tests.Server;

/// <summary>The built <c>session-bridge</c> executable, as Claude Code starts it: one process per session, over stdio.</summary>
public sealed class ServerProcessSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_drive_the_built_server_over_stdio()
    {
        // Arrange
        await using var client = await ServerProcess.StartAsync(_state.Path);

        // Act
        var tools = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        await client.CallToolAsync("set_prompt", new Dictionary<string, object?> { ["role"] = "dev", ["prompt"] = "You are dev." }, cancellationToken: TestContext.Current.CancellationToken);
        var prompt = (await client.CallToolAsync("get_prompt", new Dictionary<string, object?> { ["role"] = "dev" }, cancellationToken: TestContext.Current.CancellationToken)).Json();

        // Assert
        tools.Should().HaveCount(15);
        prompt.GetProperty("prompt").GetString().Should().Be("You are dev.");
    }

    [Fact(Timeout = Timeouts.Load)]
    [Trait("Tier", "Slow")] // eight servers at once: minutes on a loaded 2-core machine; left out of ./test.sh --fast
    public async Task Eight_server_processes_sending_at_once_lose_no_message_and_tear_no_line()
    {
        // Arrange: dev's pane is gone, so every send is logged with delivered:false and nothing waits on typing.
        const int processes = 8;
        const int perProcess = 60;
        var environment = new Dictionary<string, string?> { ["TMUX"] = tmux.TmuxVariable };
        var pane = await tmux.StartPaneAsync("sleep 86400");
        await using (var registrar = await ServerProcess.StartAsync(_state.Path, environment))
        {
            (await registrar.CallToolAsync("register", new Dictionary<string, object?> { ["role"] = "dev", ["pane"] = pane }, cancellationToken: TestContext.Current.CancellationToken)).Json();
        }

        await tmux.KillPaneAsync(pane);
        var clients = await Task.WhenAll(
            Enumerable.Range(0, processes).Select(_ => ServerProcess.StartAsync(_state.Path, environment)));

        // Act
        try
        {
            await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
            {
                for (var n = 0; n < perProcess; n++)
                {
                    var result = await client.CallToolAsync("send", new Dictionary<string, object?>
                    {
                        ["to"] = "dev",
                        ["from"] = $"w{i}",
                        ["text"] = $"w{i}-{n} " + new string('x', 200),
                    }, cancellationToken: TestContext.Current.CancellationToken);
                    result.Json().GetProperty("delivered").GetBoolean().Should().BeFalse();
                }
            })));
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }

        // Assert
        var expected = Enumerable.Range(0, processes)
            .SelectMany(i => Enumerable.Range(0, perProcess).Select(n => $"w{i}-{n}"))
            .ToHashSet();
        foreach (var log in new[] { "conversation.jsonl", Path.Combine("mailbox", "dev.jsonl") })
        {
            var lines = File.ReadAllText(Path.Combine(_state.Path, log)).Split('\n');
            lines[^1].Should().BeEmpty("{0} ends with a newline", log);
            var texts = lines[..^1]
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!.Split(' ')[0])
                .ToList();
            texts.Should().HaveCount(processes * perProcess, "{0} holds every message once", log);
            texts.ToHashSet().Should().BeEquivalentTo(expected);
        }
    }

    public void Dispose() => _state.Dispose();
}
