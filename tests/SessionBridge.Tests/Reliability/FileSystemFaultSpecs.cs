using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Reliability;

/// <summary>
/// The state directory on a full disk or a read-only file system: real ENOSPC and EROFS from a tmpfs or a
/// bind mount that only the process under test sees (<see cref="ConfinedFileSystem"/>).
/// </summary>
public sealed class FileSystemFaultSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _control = new("control");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task On_a_full_disk_send_types_nothing_and_says_so_state_is_unchanged_and_all_works_again_once_space_is_freed()
    {
        await SkipUnlessMountNamespacesAsync();

        // Arrange: dev is a (fake) Claude Code; the state directory is a 1 MiB disk of its own.
        var (pane, submitted) = await tmux.StartFakeClaudeAsync();
        await using var server = await ServerProcess.StartAsync(
            _state.Path,
            new Dictionary<string, string?> { ["TMUX"] = tmux.TmuxVariable },
            program => ConfinedFileSystem.SmallDisk(_state.Path, 1024, _control.Path, program)
        );
        (await server.CallToolAsync("register", Args(("role", "dev"), ("pane", pane)), cancellationToken: TestContext.Current.CancellationToken)).Json();
        (await server.CallToolAsync("set_prompt", Args(("role", "dev"), ("prompt", "You are dev, v1.")), cancellationToken: TestContext.Current.CancellationToken)).Json();
        Delivered(await server.CallToolAsync("send", Args(("to", "dev"), ("from", "gestor"), ("text", "before")), cancellationToken: TestContext.Current.CancellationToken)).Should().BeTrue();
        await FillAsync();

        // Act
        var send = await server.CallToolAsync("send", Args(("to", "dev"), ("from", "gestor"), ("text", "during")), cancellationToken: TestContext.Current.CancellationToken);
        var prompt = await server.CallToolAsync("set_prompt", Args(("role", "dev"), ("prompt", "You are dev, v2.")), cancellationToken: TestContext.Current.CancellationToken);
        var register = await server.CallToolAsync("register", Args(("role", "reviewer"), ("pane", pane)), cancellationToken: TestContext.Current.CancellationToken);
        var historyWhileFull = (await server.CallToolAsync("history", Args(), cancellationToken: TestContext.Current.CancellationToken)).Json();
        var promptWhileFull = (await server.CallToolAsync("get_prompt", Args(("role", "dev")), cancellationToken: TestContext.Current.CancellationToken)).Json();

        // Assert: clear errors that name the file; nothing typed, nothing changed, nothing torn.
        send.IsError.Should().BeTrue();
        send.Text().Should().Contain("conversation.jsonl").And.Contain("full").And.Contain("Nothing was typed");
        prompt.IsError.Should().BeTrue();
        prompt.Text().Should().Contain("prompts.json").And.Contain("No space left on device");
        register.IsError.Should().BeTrue();
        register.Text().Should().Contain("registry.json");
        Texts(historyWhileFull).Should().Equal("before");
        promptWhileFull.GetProperty("prompt").GetString().Should().Be("You are dev, v1.");
        (await tmux.SubmittedBeforeAMarkerAsync(pane, submitted)).Should().Equal("[from:gestor] before");

        // Act: space comes back.
        await FreeAsync();
        var after = await server.CallToolAsync("send", Args(("to", "dev"), ("from", "gestor"), ("text", "after")), cancellationToken: TestContext.Current.CancellationToken);
        var promptAfter = await server.CallToolAsync("set_prompt", Args(("role", "dev"), ("prompt", "You are dev, v2.")), cancellationToken: TestContext.Current.CancellationToken);
        var history = (await server.CallToolAsync("history", Args(), cancellationToken: TestContext.Current.CancellationToken)).Json();
        var inbox = (await server.CallToolAsync("inbox", Args(("role", "dev")), cancellationToken: TestContext.Current.CancellationToken)).Json();

        // Assert
        Delivered(after).Should().BeTrue();
        promptAfter.IsError.Should().NotBe(true, promptAfter.Text());
        Texts(history).Should().Equal("before", "after");
        history.GetProperty("skippedCorruptLines").GetInt32().Should().Be(0);
        Texts(inbox).Should().Equal("before", "after");
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(submitted).Length == 3, "the second message to arrive");
        PrivateTmuxServer.Submitted(submitted).Should().Equal("[from:gestor] before", PrivateTmuxServer.Marker, "[from:gestor] after");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_writer_refused_mid_line_by_a_full_disk_takes_its_part_line_back_so_the_log_holds_only_whole_lines()
    {
        await SkipUnlessMountNamespacesAsync();

        // Arrange: a writer appends 200-byte lines to a 64 KiB disk until the disk refuses one part-way,
        // then the log is copied out (the disk vanishes with the writer's mount namespace).
        var copy = _control.Combine("conversation.jsonl");
        var (command, arguments) = ConfinedFileSystem.SmallDisk(
            _state.Path,
            64,
            _control.Path,
            "sh",
            "-c",
            """ "$0" log w0 dev 2000; status=$?; cp "$1/conversation.jsonl" "$2"; exit $status """,
            BuiltExecutables.LoadWorker,
            _state.Path,
            copy
        );

        // Act
        var result = await Cli.Wrap(command)
            .WithArguments(arguments)
            .WithEnvironmentVariables(e => e.Set("SESSION_BRIDGE_DIR", _state.Path))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);

        // Assert
        result.ExitCode.Should().NotBe(0, "the writer must fail once the disk is full");
        result.StandardError.Should().Contain("No space left on device");
        var log = File.ReadAllText(copy);
        log.Should().EndWith("\n", "a refused line is taken back whole");
        var lines = log[..^1].Split('\n');
        lines.Length.Should().BeGreaterThan(50, "the disk held some lines before it filled");
        lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString())
            .Should()
            .Equal(Enumerable.Range(0, lines.Length).Select(n => $"w0-{n}"), "every line is whole and in order");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task On_a_read_only_file_system_writes_are_errors_naming_the_file_nothing_is_typed_and_reads_still_work()
    {
        await SkipUnlessMountNamespacesAsync();

        // Arrange: dev registered with a saved prompt; then the state directory's file system turns read-only.
        var (pane, submitted) = await tmux.StartFakeClaudeAsync();
        var environment = new Dictionary<string, string?> { ["TMUX"] = tmux.TmuxVariable };
        await using (var before = await ServerProcess.StartAsync(_state.Path, environment))
        {
            (await before.CallToolAsync("register", Args(("role", "dev"), ("pane", pane)), cancellationToken: TestContext.Current.CancellationToken)).Json();
            (await before.CallToolAsync("set_prompt", Args(("role", "dev"), ("prompt", "You are dev.")), cancellationToken: TestContext.Current.CancellationToken)).Json();
        }

        await using var server = await ServerProcess.StartAsync(
            _state.Path,
            environment,
            program => ConfinedFileSystem.ReadOnly(_state.Path, program)
        );

        // Act
        var send = await server.CallToolAsync("send", Args(("to", "dev"), ("from", "gestor"), ("text", "hello")), cancellationToken: TestContext.Current.CancellationToken);
        var prompt = await server.CallToolAsync("set_prompt", Args(("role", "dev"), ("prompt", "changed")), cancellationToken: TestContext.Current.CancellationToken);
        var peers = await server.CallToolAsync("list_peers", Args(), cancellationToken: TestContext.Current.CancellationToken);
        var saved = (await server.CallToolAsync("get_prompt", Args(("role", "dev")), cancellationToken: TestContext.Current.CancellationToken)).Json();

        // Assert
        send.IsError.Should().BeTrue();
        send.Text().Should().Contain("Read-only file system").And.Contain("Nothing was typed");
        prompt.IsError.Should().BeTrue();
        prompt.Text().Should().Contain("prompts.json");
        peers.IsError.Should().NotBe(true, peers.Text());
        saved.GetProperty("prompt").GetString().Should().Be("You are dev.");
        (await tmux.SubmittedBeforeAMarkerAsync(pane, submitted)).Should().BeEmpty();
    }

    private static async Task SkipUnlessMountNamespacesAsync()
    {
        if (await ConfinedFileSystem.WhyUnavailableAsync() is { } reason)
            Assert.Skip(reason);
    }

    private async Task FillAsync()
    {
        File.WriteAllText(_control.Combine("fill"), "");
        await Eventually.WaitAsync(() => File.Exists(_control.Combine("filled")), "the small disk to fill");
    }

    private async Task FreeAsync()
    {
        File.WriteAllText(_control.Combine("free"), "");
        await Eventually.WaitAsync(() => File.Exists(_control.Combine("freed")), "the small disk to be freed");
    }

    private static Dictionary<string, object?> Args(params (string Name, object? Value)[] arguments) =>
        arguments.ToDictionary(a => a.Name, a => a.Value);

    private static bool Delivered(ModelContextProtocol.Protocol.CallToolResult result) =>
        result.Json().GetProperty("delivered").GetBoolean();

    private static string?[] Texts(JsonElement page) =>
        page.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToArray();

    public void Dispose()
    {
        // Let a confined helper that is still waiting end now.
        File.WriteAllText(_control.Combine("free"), "");
        File.WriteAllText(_control.Combine("fill"), "");
        _state.Dispose();
        _control.Dispose();
    }
}
