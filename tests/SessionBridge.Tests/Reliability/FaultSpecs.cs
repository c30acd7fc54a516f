using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Reliability;

/// <summary>Faults a user will meet: tmux restarted under a registration, a writer killed mid-write, state that cannot be written.</summary>
public sealed class FaultSpecs : IDisposable
{
    private readonly TempDirectory _state = new("state");

    [Fact(Timeout = Timeouts.Spec)]
    public async Task After_a_tmux_restart_a_reused_pane_id_is_refused_as_stale_and_the_stranger_gets_nothing()
    {
        // Arrange: dev registered at a pane; tmux restarts; the same pane id now belongs to another program.
        await using var tmux = new PrivateTmuxServer();
        await tmux.InitializeAsync();
        var pane = await tmux.StartPaneAsync("sleep 86400");
        await using (var before = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux)))
            (await before.CallAsync("register", new() { ["role"] = "dev", ["pane"] = pane })).IsError.Should().NotBe(true);
        await tmux.RestartAsync();
        string stranger,
            received;
        do
        {
            (stranger, received) = await tmux.StartRecorderAsync();
        } while (stranger != pane && int.Parse(stranger[1..], System.Globalization.CultureInfo.InvariantCulture) < int.Parse(pane[1..], System.Globalization.CultureInfo.InvariantCulture));
        stranger.Should().Be(pane, "the test needs the pane id reused");

        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));

        // Act
        var sent = (await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "rm -rf ~" })).Json();
        var peers = (await server.CallAsync("list_peers", [])).Json().GetProperty("peers");

        // Assert
        sent.GetProperty("delivered").GetBoolean().Should().BeFalse();
        sent.GetProperty("reason").GetString().Should().ContainEquivalentOf("session-bridge up");
        peers[0].GetProperty("alive").GetBoolean().Should().BeFalse();
        peers[0].GetProperty("state").GetString().Should().Be("stale");
        (await tmux.RecordedBeforeAMarkerAsync(stranger, received)).Should().BeEmpty("nothing is typed into a stranger's pane");
        (await server.CallAsync("inbox", new() { ["role"] = "dev" })).Json().GetProperty("messages").GetArrayLength().Should().Be(1);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Regression_after_a_tmux_restart_a_role_registered_on_the_old_server_no_longer_binds_the_new_panes_sender()
    {
        // Arrange: "ghost" registered from pane %0; tmux restarts, and a new session in the new %0 calls.
        await using var tmux = new PrivateTmuxServer();
        await tmux.InitializeAsync();
        var first = await tmux.DisplayAsync("tests", "#{pane_id}");
        await using (var before = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, first)))
            (await before.CallAsync("register", new() { ["role"] = "ghost" })).IsError.Should().NotBe(true);
        await tmux.RestartAsync();
        (await tmux.DisplayAsync("tests", "#{pane_id}")).Should().Be(first, "the test needs the pane id reused");
        var (dev, received) = await tmux.StartRecorderAsync();
        await using (var human = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux)))
            (await human.CallAsync("register", new() { ["role"] = "dev", ["pane"] = dev })).IsError.Should().NotBe(true);
        await using var newcomer = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, first));

        // Act
        var signed = await newcomer.CallAsync("send", new() { ["to"] = "dev", ["from"] = "load", ["text"] = "hello" });
        var asGhost = await newcomer.CallAsync("send", new() { ["to"] = "dev", ["from"] = "ghost", ["text"] = "boo" });

        // Assert
        signed.IsError.Should().NotBe(true, signed.Text());
        signed.Json().GetProperty("delivered").GetBoolean().Should().BeTrue();
        asGhost.IsError.Should().BeTrue("the old registration is not this session's, so it may not sign as it");
        asGhost.Text().Should().Contain("'from' \"ghost\" is the role of pane " + first);
        var message = (await newcomer.CallAsync("inbox", new() { ["role"] = "dev" })).Json().GetProperty("messages").EnumerateArray().Single();
        (message.GetProperty("from").GetString(), message.GetProperty("fromVerified").GetBoolean()).Should().Be(("load", false));
        (await tmux.RecordedBeforeAMarkerAsync(dev, received)).Should().Be("[from:load] hello\n");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Regression_after_a_tmux_restart_a_role_registered_on_the_old_server_cannot_supervise_from_the_new_pane()
    {
        // Arrange: "gestor" registered from pane %0; tmux restarts, and a new session in the new %0 calls supervise.
        // Before the mend, supervise (and respond's decider check) took the old registration as the caller's role.
        await using var tmux = new PrivateTmuxServer();
        await tmux.InitializeAsync();
        var first = await tmux.DisplayAsync("tests", "#{pane_id}");
        await using (var before = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, first)))
            (await before.CallAsync("register", new() { ["role"] = "gestor" })).IsError.Should().NotBe(true);
        await tmux.RestartAsync();
        (await tmux.DisplayAsync("tests", "#{pane_id}")).Should().Be(first, "the test needs the pane id reused");
        await using var newcomer = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux, first));

        // Act
        var supervised = await newcomer.CallAsync("supervise", new() { ["roles"] = new[] { "dev" } });

        // Assert
        supervised.IsError.Should().BeTrue("the old registration is not this session's, so it may not supervise as it");
        supervised.Text().Should().Contain("This session has no role");
        File.Exists(Path.Combine(_state.Path, "supervision.json")).Should().BeFalse("nobody supervises anyone");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_writer_killed_mid_write_leaves_every_whole_line_readable_and_the_next_append_clean()
    {
        // Arrange: a writer appending as fast as it can is killed; then the tail is torn as a crash mid-line leaves it.
        using (var writer = LoadWorker.Start(_state.Path, "log-forever", "w0", "dev"))
        {
            var conversation = Path.Combine(_state.Path, "conversation.jsonl");
            await Eventually.WaitAsync(() => File.Exists(conversation) && new FileInfo(conversation).Length > 100_000, "the writer to write");
            writer.Kill();
            await writer.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var path = Path.Combine(_state.Path, "conversation.jsonl");
        var whole = File.ReadAllText(path).TrimEnd('\n').Split('\n').Length;
        await using (var file = new FileStream(path, FileMode.Append))
            await file.WriteAsync("{\"id\":\"torn\",\"ts\":\"2026-"u8.ToArray(), TestContext.Current.CancellationToken);

        // Act: the next start reads, then another writer appends after the torn tail
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));
        var newest = (await server.CallAsync("history", new() { ["limit"] = 3 })).Json().GetProperty("messages");
        await LoadWorker.RunAllAsync(_state.Path, [["log", "w1", "dev", "5"]]);
        var later = (await server.CallAsync("history", new() { ["limit"] = 10 })).Json();

        // Assert
        newest.GetArrayLength().Should().Be(3, "whole lines before the torn tail are read");
        newest[2].GetProperty("id").GetString().Should().Be($"w0-{whole - 1}");
        var ids = later.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        ids.Should().EndWith(Enumerable.Range(0, 5).Select(n => $"w1-{n}"), "appends after the torn tail are whole");
        ids.Should().NotContain("torn");
        later.GetProperty("skippedCorruptLines").GetInt32().Should().Be(1, "the torn line is skipped and counted");
        File.ReadAllText(path).Split('\n').Length.Should().Be(whole + 1 + 5 + 1);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_state_file_that_cannot_be_written_is_an_error_naming_it_and_the_server_keeps_answering()
    {
        // Arrange: prompts.json is in the way (a directory), which stops root as well as anyone else.
        Directory.CreateDirectory(Path.Combine(_state.Path, "prompts.json"));
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

        // Act
        var result = await server.CallAsync("set_prompt", new() { ["role"] = "dev", ["prompt"] = "You are dev." });

        // Assert
        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("prompts.json");
        (await server.CallAsync("history", [])).IsError.Should().NotBe(true, "the server still answers");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_typed_but_not_logged_in_full_is_an_error_that_says_it_arrived_and_not_to_send_it_again()
    {
        // Arrange: dev's mailbox lock is in the way (a directory): the check before typing passes, the
        // mailbox write after it fails.
        await using var tmux = new PrivateTmuxServer();
        await tmux.InitializeAsync();
        var (pane, submitted) = await tmux.StartFakeClaudeAsync();
        await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        (await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = pane })).IsError.Should().NotBe(true);
        Directory.CreateDirectory(Path.Combine(_state.Path, "mailbox", "dev.jsonl.lock"));

        // Act
        var result = await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "Deploy now." });

        // Assert
        result.IsError.Should().BeTrue();
        result.Text().Should().Contain("reached dev's pane").And.Contain("Do not send it again").And.Contain("dev.jsonl.lock");
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(submitted).Length > 0, "the message to reach dev");
        PrivateTmuxServer.Submitted(submitted).Should().Equal("[from:gestor] Deploy now.");
        var history = (await server.CallAsync("history", [])).Json().GetProperty("messages");
        history.EnumerateArray().Select(m => m.GetProperty("text").GetString()).Should().Equal("Deploy now.");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_read_only_state_directory_is_an_error_naming_the_file()
    {
        if (Environment.UserName == "root")
            Assert.Skip("root writes through read-only permissions; the test above covers an unwritable file for root.");

        // Arrange
        Directory.CreateDirectory(_state.Path);
        File.SetUnixFileMode(_state.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            await using var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path));

            // Act
            var result = await server.CallAsync("set_prompt", new() { ["role"] = "dev", ["prompt"] = "You are dev." });

            // Assert
            result.IsError.Should().BeTrue();
            result.Text().Should().Contain(_state.Path);
            (await server.CallAsync("list_prompts", [])).IsError.Should().NotBe(true, "the server still answers");
        }
        finally
        {
            File.SetUnixFileMode(_state.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => _state.Dispose();
}
