using System.Text;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using ModelContextProtocol.Client;

namespace SessionBridge.Tests.Packaging;

/// <summary>
/// The NativeAOT builds install.sh ships: every tool, the command line, the hook and the board work there as they do
/// on the JIT build (trimming removes what nothing seems to use; these calls prove it was not needed).
/// </summary>
[Trait("Tier", "Slow")] // NativeAOT compiles for minutes: left out of ./test.sh --fast
[Collection(OneShippedBuild.Name)]
public sealed class NativeAotSpecs(ShippedBuilds aot, PrivateTmuxServer tmux, NatsServerWithPassword nats)
    : IClassFixture<PrivateTmuxServer>,
        IClassFixture<NatsServerWithPassword>,
        IDisposable
{
    private readonly TempDirectory _state = new("state");

    [Fact(Timeout = Timeouts.Build)]
    public async Task The_NativeAOT_server_answers_every_tool()
    {
        if (aot.Unavailable is { } reason)
            Assert.Skip(reason);

        // Arrange: dev is a Claude Code stand-in, reviewer sits on a menu.
        var (devPane, submitted) = await tmux.StartFakeClaudeAsync();
        var (reviewerPane, chosen) = await tmux.StartFakeMenuAsync(cursor: 1);
        await using var server = await ServerProcess.StartAsync(
            _state.Path,
            new Dictionary<string, string?> { ["TMUX"] = tmux.TmuxVariable },
            _ => (aot.Server, [])
        );

        // Act
        var tools = await server.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var results = new Dictionary<string, JsonElement>
        {
            ["register dev"] = await CallAsync(server, "register", ("role", "dev"), ("pane", devPane)),
            ["register reviewer"] = await CallAsync(server, "register", ("role", "reviewer"), ("pane", reviewerPane)),
            ["list_peers"] = await CallAsync(server, "list_peers"),
            ["send"] = await CallAsync(server, "send", ("to", "dev"), ("from", "gestor"), ("text", "Ship it.\nToday.")),
            ["read_peer"] = await CallAsync(server, "read_peer", ("role", "dev"), ("lines", 0)),
            ["detect_question"] = await CallAsync(server, "detect_question", ("role", "reviewer")),
            ["respond"] = await CallAsync(server, "respond", ("role", "reviewer"), ("option", "Redis")),
            ["broadcast"] = await CallAsync(server, "broadcast", ("from", "gestor"), ("text", "Standup in five."), ("roles", new[] { "dev" })),
            ["wait_for"] = await CallAsync(server, "wait_for", ("role", "dev"), ("until", "idle"), ("timeout_s", 20)),
            ["history"] = await CallAsync(server, "history", ("limit", 10)),
            ["inbox"] = await CallAsync(server, "inbox", ("role", "dev"), ("unread_only", true), ("mark_read", true)),
            ["set_prompt"] = await CallAsync(server, "set_prompt", ("role", "dev"), ("prompt", "You are dev.")),
            ["get_prompt"] = await CallAsync(server, "get_prompt", ("role", "dev")),
            ["list_prompts"] = await CallAsync(server, "list_prompts"),
            ["delete_prompt"] = await CallAsync(server, "delete_prompt", ("role", "dev")),
        };
        var mistake = await server.CallToolAsync("respond", new Dictionary<string, object?> { ["role"] = "dev", ["keys"] = new[] { "please" } }, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        tools.Select(t => t.Name).Should().HaveCount(15);
        results["list_peers"].GetProperty("peers").GetArrayLength().Should().Be(2);
        results["send"].GetProperty("status").GetString().Should().Be("submitted", results["send"].ToString());
        results["read_peer"].GetProperty("screen").GetString().Should().Contain("Ship it.");
        results["detect_question"].GetProperty("state").GetString().Should().Be("waiting_select");
        results["detect_question"].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("label").GetString())
            .Should().StartWith(["PostgreSQL", "SQLite", "Redis"]);
        results["respond"].GetProperty("option").GetString().Should().Be("Redis");
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(chosen).Length > 0, "the menu to take the answer");
        PrivateTmuxServer.Submitted(chosen).Should().Equal("Redis");
        results["broadcast"].GetProperty("delivered").GetInt32().Should().Be(1);
        results["wait_for"].GetProperty("met").GetBoolean().Should().BeTrue(results["wait_for"].ToString());
        results["history"].GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString())
            .Should().Equal("Ship it.\nToday.", "Standup in five.");
        results["inbox"].GetProperty("messages").GetArrayLength().Should().Be(2);
        results["get_prompt"].GetProperty("prompt").GetString().Should().Be("You are dev.");
        results["list_prompts"].GetProperty("prompts").GetArrayLength().Should().Be(1);
        results["delete_prompt"].GetProperty("deleted").GetBoolean().Should().BeTrue();
        mistake.IsError.Should().BeTrue();
        mistake.Text().Should().Contain("send");
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(submitted).Length == 2, "both messages to reach dev");
        PrivateTmuxServer.Submitted(submitted).Should().Equal("[from:gestor] Ship it.\nToday.", "[from:gestor] Standup in five.");
    }

    [Fact(Timeout = Timeouts.Build)]
    public async Task The_NativeAOT_command_line_prints_peers_and_the_hook_restores_a_role()
    {
        if (aot.Unavailable is { } reason)
            Assert.Skip(reason);

        // Arrange
        var pane = await tmux.StartPaneAsync("sleep 86400");
        var environment = new Dictionary<string, string?>
        {
            ["SESSION_BRIDGE_DIR"] = _state.Path,
            ["TMUX"] = tmux.TmuxVariable,
            ["TMUX_PANE"] = pane,
        };
        await Cli(environment, "register", "dev", "--pane", pane);
        await Cli(environment, "prompt", "set", "dev", "You are dev: you own the migrations.");

        // Act
        var peers = await Cli(environment, "peers", "--json");
        var hook = await HookProcess.RunAsync(
            """{"hook_event_name":"SessionStart","source":"clear","session_id":"s1"}""",
            environment,
            executable: aot.Hook
        );

        // Assert
        JsonDocument.Parse(peers).RootElement.GetProperty("peers").EnumerateArray().Select(p => p.GetProperty("role").GetString()).Should().Equal("dev");
        hook.ExitCode.Should().Be(0, hook.Stderr);
        var context = JsonDocument.Parse(hook.Stdout).RootElement.GetProperty("hookSpecificOutput").GetProperty("additionalContext").GetString();
        context.Should().Contain("dev").And.Contain("You are dev: you own the migrations.");
    }

    [Fact(Timeout = Timeouts.Build)]
    public async Task The_NativeAOT_hook_restores_a_role_and_its_briefing_from_NATS_at_SessionStart()
    {
        if (aot.Unavailable is { } reason)
            Assert.Skip(reason);
        NatsServer.SkipUnlessAvailable();

        // Arrange: the role and its briefing written to the team's buckets by the NativeAOT command line.
        var pane = await tmux.StartPaneAsync("sleep 86400");
        var environment = new Dictionary<string, string?>
        {
            ["SESSION_BRIDGE_DIR"] = _state.Path,
            ["TMUX"] = tmux.TmuxVariable,
            ["TMUX_PANE"] = pane,
            ["SESSION_BRIDGE_NATS"] = nats.UrlWithCredentials,
            ["SESSION_BRIDGE_TEAM"] = "t" + Guid.NewGuid().ToString("N")[..12],
            ["SESSION_BRIDGE_HOST"] = "devbox",
        };
        await Cli(environment, "register", "dev", "--pane", pane);
        await Cli(environment, "prompt", "set", "dev", "You are dev on devbox: you own the migrations.");

        // Act
        var hook = await HookProcess.RunAsync(
            """{"hook_event_name":"SessionStart","source":"clear","session_id":"s1"}""",
            environment,
            executable: aot.Hook
        );

        // Assert: restored from NATS, since the local folder holds neither.
        hook.ExitCode.Should().Be(0, hook.Stderr);
        var context = JsonDocument.Parse(hook.Stdout).RootElement.GetProperty("hookSpecificOutput").GetProperty("additionalContext").GetString();
        context.Should().Contain("dev").And.Contain("You are dev on devbox: you own the migrations.");
        File.Exists(Path.Combine(_state.Path, "registry.json")).Should().BeFalse();
        File.Exists(Path.Combine(_state.Path, "prompts.json")).Should().BeFalse();
    }

    [Fact(Timeout = Timeouts.Build)]
    public async Task The_NativeAOT_command_line_words_mistakes_without_parser_internals()
    {
        if (aot.Unavailable is { } reason)
            Assert.Skip(reason);

        // Arrange: the NativeAOT build keeps resource keys (ZeroDepthAtEnd) where the JIT build has sentences
        using var state = new TempDirectory("state");
        File.WriteAllText(Path.Combine(state.Path, "registry.json"), "{\"peers\": {\"dev\": {\"role\": \"dev\"");
        var environment = new Dictionary<string, string?> { ["SESSION_BRIDGE_DIR"] = state.Path, ["TMUX"] = null, ["TMUX_PANE"] = null };

        // Act
        var peers = await RawCli(environment, "peers");
        var history = await RawCli(environment, "history", "-n", "abc");

        // Assert: regressions: "ZeroDepthAtEnd, Path: $.roles | LineNumber: 0 …" and "… as expected type 'System.Int32'"
        peers.StandardOutput.Should().Contain("registry.json is corrupt: it is not valid JSON: it ends at line 1, column")
            .And.NotContainAny("ZeroDepthAtEnd", "LineNumber", "Path: $");
        history.ExitCode.Should().Be(2);
        history.StandardError.Should().Contain("--limit takes a whole number, not 'abc'.").And.NotContain("System.");
    }

    [Fact(Timeout = Timeouts.Build)]
    public void The_NativeAOT_server_and_hook_contain_no_NATS_client_and_the_companion_does()
    {
        if (aot.Unavailable is { } reason)
            Assert.Skip(reason);

        // Arrange: names the NATS client leaves in a binary that links it (as UTF-8 metadata or UTF-16 strings).
        string[] names = ["NATS.Client", "NatsConnection"];

        // Act
        var inCompanion = NamesIn(aot.Companion, names);
        var inServer = NamesIn(aot.Server, names);
        var inHook = NamesIn(aot.Hook, names);

        // Assert: the companion shows the check finds them.
        inCompanion.Should().NotBeEmpty();
        inServer.Should().BeEmpty();
        inHook.Should().BeEmpty();
    }

    private static List<string> NamesIn(string binary, string[] names)
    {
        var bytes = File.ReadAllBytes(binary);
        return [.. names.Where(n => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(n)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(n)) >= 0)];
    }

    private async Task<BufferedCommandResult> RawCli(IDictionary<string, string?> environment, params string[] arguments) =>
        await CliWrap.Cli.Wrap(aot.Server)
            .WithArguments(arguments)
            .WithEnvironmentVariables(environment.ToDictionary(e => e.Key, e => e.Value))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);

    private async Task<string> Cli(IDictionary<string, string?> environment, params string[] arguments)
    {
        var result = await CliWrap.Cli.Wrap(aot.Server)
            .WithArguments(arguments)
            .WithEnvironmentVariables(environment.ToDictionary(e => e.Key, e => e.Value))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        result.ExitCode.Should().Be(0, $"session-bridge {string.Join(' ', arguments)}: {result.StandardError}");
        return result.StandardOutput;
    }

    private static async Task<JsonElement> CallAsync(McpClient server, string tool, params (string Name, object? Value)[] arguments)
    {
        var result = await server.CallToolAsync(tool, arguments.ToDictionary(a => a.Name, a => a.Value), cancellationToken: TestContext.Current.CancellationToken);
        result.IsError.Should().NotBe(true, $"{tool}: {result.Text()}");
        return result.Json();
    }

    public void Dispose() => _state.Dispose();
}
