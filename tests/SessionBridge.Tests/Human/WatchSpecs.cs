using System.Text.Json;
using System.Text.RegularExpressions;
using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Human;

/// <summary><c>session-bridge watch</c>, run in a real 80x24 tmux pane and read with capture-pane, as a person sees it.</summary>
public sealed partial class WatchSpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private const string Ended = "WATCH-ENDED";

    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _home = new("home");

    private CliProcess Cli() => new(_state.Path, _home.Path, tmux);

    /// <summary>The pane as a person sees it now; stops the test at once when its time is up.</summary>
    private async Task<string> ScreenAsync(string pane, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await tmux.CaptureAsync(pane);
    }

    private async Task<CliWrap.Buffered.BufferedCommandResult> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await Cli().RunAsync(arguments);
    }

    /// <summary>Starts the board in an 80x24 pane; when it exits the shell says so and stays, for the capture.</summary>
    private async Task<string> StartBoardAsync(CancellationToken cancellationToken, string arguments = "", string? stateDirectory = null)
    {
        var command =
            $"cd '{_home.Path}' && SESSION_BRIDGE_DIR='{stateDirectory ?? _state.Path}' HOME='{_home.Path}' NO_COLOR=1 "
            + $"'{BuiltExecutables.Server}' watch {arguments}; echo {Ended}; exec sleep 86400";
        var pane = await tmux.StartPaneAsync(command, width: 80, height: 24);
        await Eventually.WaitAsync(async () => (await ScreenAsync(pane, cancellationToken)).Contains("q quits"), "the board to draw");
        return pane;
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_peer_on_a_menu_shows_its_question_and_options_in_an_80x24_pane()
    {
        var ct = TestContext.Current.CancellationToken;
        // Arrange
        var (menu, _) = await tmux.StartFakeMenuAsync();
        await RunAsync(ct, "register", "dev", "--pane", menu);
        await RunAsync(ct, "send", "dev", "pick the database");

        // Act
        var board = await StartBoardAsync(ct);

        // Assert
        await Eventually.WaitAsync(
            async () => (await ScreenAsync(board, ct)).Contains("Which database should the service use?"),
            "the board to show dev's question"
        );
        var screen = await ScreenAsync(board, ct);
        screen.Should().Contain("1 waiting for you").And.Contain("waiting_select").And.Contain("screen");
        screen.Should().Contain("1. PostgreSQL").And.Contain("2. SQLite").And.Contain("5. Chat about this");
        screen.Should().Contain("person → dev pick the database", "the conversation's last lines fit under the rows");
        screen.Split('\n').Should().OnlyContain(line => line.TrimEnd().Length <= 80);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Watch_once_json_shows_what_list_peers_shows_with_the_question_unread_and_held()
    {
        var ct = TestContext.Current.CancellationToken;
        // Arrange
        var (menu, _) = await tmux.StartFakeMenuAsync();
        var (claude, _) = await tmux.StartFakeClaudeAsync();
        await RunAsync(ct, "register", "dev", "--pane", menu);
        await RunAsync(ct, "register", "ops", "--pane", claude);
        await RunAsync(ct, "send", "ops", "deploy when dev has chosen");

        // Act
        var watch = await RunAsync(ct, "watch", "--once", "--json");
        var peers = await RunAsync(ct, "peers", "--json");

        // Assert
        watch.ExitCode.Should().Be(0, watch.StandardOutput + watch.StandardError);
        var board = JsonDocument.Parse(watch.StandardOutput).RootElement;
        var listed = JsonDocument.Parse(peers.StandardOutput).RootElement.GetProperty("peers").EnumerateArray()
            .Select(p => (p.GetProperty("role").GetString(), p.GetProperty("pane").GetString(), p.GetProperty("state").GetString()));
        board.GetProperty("peers").EnumerateArray()
            .Select(p => (p.GetProperty("role").GetString(), p.GetProperty("pane").GetString(), p.GetProperty("state").GetString()))
            .Should().Equal(listed);

        var dev = board.GetProperty("peers")[0];
        dev.GetProperty("question").GetString().Should().Be("Which database should the service use?");
        dev.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("label").GetString())
            .Should().StartWith(["PostgreSQL", "SQLite", "Redis"]);
        dev.GetProperty("stateSource").GetString().Should().Be("screen");
        // Seen during this spec, which its bound (a hang, not a speed figure) keeps under Timeouts.Spec.
        dev.GetProperty("stateSince").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(Timeouts.Spec));
        dev.GetProperty("held").GetInt32().Should().Be(0);
        var ops = board.GetProperty("peers")[1];
        ops.TryGetProperty("question", out _).Should().BeFalse("an idle peer asks nothing");
        ops.GetProperty("unread").GetInt32().Should().Be(0, "the message was typed into ops's prompt: given, not unread");
        board.GetProperty("recent")[0].GetProperty("text").GetString().Should().Be("deploy when dev has chosen");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_held_message_counts_on_the_board_however_many_messages_the_thread_has_since()
    {
        // Regression: the board worked out what is held from the thread's last 200 lines, so a message held
        // longer than that many messages vanished from its row while it still waited in held/.
        var ct = TestContext.Current.CancellationToken;
        // Arrange
        var (menu, _) = await tmux.StartFakeMenuAsync();
        await RunAsync(ct, "register", "dev", "--pane", menu);
        var sent = await RunAsync(ct, "send", "dev", "pick the database", "--json");
        JsonDocument.Parse(sent.StandardOutput).RootElement.GetProperty("status").GetString().Should().Be("held");
        var log = new StateStore(new StateDirectory(_state.Path), TimeSpan.FromSeconds(10), TimeProvider.System).Messages;
        for (var i = 0; i < 250; i++)
            await log.AppendAsync(new MessageRecord(MessageId.New(), DateTimeOffset.UtcNow, "gestor", "ops", $"note {i}", true, true, Status: DeliveryStatus.Submitted), ct);

        // Act
        var watch = await RunAsync(ct, "watch", "--once", "--json");

        // Assert
        var dev = JsonDocument.Parse(watch.StandardOutput).RootElement.GetProperty("peers")[0];
        dev.GetProperty("held").GetInt32().Should().Be(1);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Notify_runs_once_for_one_change_of_state_with_the_data_in_its_environment()
    {
        var ct = TestContext.Current.CancellationToken;
        // Arrange: ops is idle when the board starts.
        var (claude, _) = await tmux.StartFakeClaudeAsync();
        var (menu, _) = await tmux.StartFakeMenuAsync();
        await RunAsync(ct, "register", "ops", "--pane", claude);
        var calls = Path.Combine(_home.Path, "notified.txt");
        File.WriteAllText(calls, "");
        var notify = "printf '%s|%s|%s|%s\\n' \"$SESSION_BRIDGE_ROLE\" \"$SESSION_BRIDGE_STATE\" \"$SESSION_BRIDGE_QUESTION\" \"$SESSION_BRIDGE_PANE\" >> " + calls;
        var board = await StartBoardAsync(ct, $"--notify \"{notify.Replace("\"", "\\\"").Replace("$", "\\$")}\"");
        await Eventually.WaitAsync(async () => Regex.IsMatch(await ScreenAsync(board, ct), @"ops\s+%\d+\s+idle"), "the board to show ops idle");

        // Act: ops now stands for a session on a menu.
        await RunAsync(ct, "register", "ops", "--pane", menu);

        // Assert: one call, then none while the menu stays (the board redraws every 2 s and on every change).
        await Eventually.WaitAsync(() => File.ReadAllLines(calls).Length > 0, "the notify command to run");
        await Eventually.WaitAsync(
            async () => SecondsInState().Match(await ScreenAsync(board, ct)) is { Success: true } m && int.Parse(m.Groups[1].Value) >= 5,
            "the board to redraw a few times with ops on the menu"
        );
        File.ReadAllLines(calls).Should().Equal($"ops|waiting_select|Which database should the service use?|{menu}");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Quitting_with_q_gives_the_terminal_back()
    {
        var ct = TestContext.Current.CancellationToken;
        // Arrange
        var (claude, _) = await tmux.StartFakeClaudeAsync();
        await RunAsync(ct, "register", "ops", "--pane", claude);
        var board = await StartBoardAsync(ct);
        (await tmux.DisplayAsync(board, "#{alternate_on}")).Should().Be("1", "the board draws on the alternate screen");

        // Act
        await tmux.Tmux("send-keys", "-t", board, "q");

        // Assert
        await Eventually.WaitAsync(async () => (await ScreenAsync(board, ct)).Contains(Ended), "the board to exit");
        (await tmux.DisplayAsync(board, "#{alternate_on}")).Should().Be("0");
        (await tmux.DisplayAsync(board, "#{cursor_flag}")).Should().Be("1", "the cursor is shown again");
        var screen = await ScreenAsync(board, ct);
        screen.Should().NotContain("q quits").And.NotContain("ops");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_corrupt_registry_shows_a_banner_with_doctors_advice_and_the_board_goes_on()
    {
        var ct = TestContext.Current.CancellationToken;
        // Arrange
        var (claude, _) = await tmux.StartFakeClaudeAsync();
        File.WriteAllText(Path.Combine(_state.Path, "registry.json"), "{ broken");

        // Act
        var board = await StartBoardAsync(ct);

        // Assert
        await Eventually.WaitAsync(async () => (await ScreenAsync(board, ct)).Contains("is corrupt"), "the banner");
        (await ScreenAsync(board, ct)).Should().Contain("doctor` to check", "the banner says what to run");

        // And once the registry is moved aside, the board shows the team again.
        File.Move(Path.Combine(_state.Path, "registry.json"), Path.Combine(_state.Path, "registry.json.bad"));
        (await RunAsync(ct, "register", "ops", "--pane", claude)).ExitCode.Should().Be(0);
        await Eventually.WaitAsync(async () => Regex.IsMatch(await ScreenAsync(board, ct), @"ops\s+%\d+\s+idle"), "ops on the board");
        (await ScreenAsync(board, ct)).Should().NotContain("is corrupt");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_state_directory_that_does_not_exist_yet_shows_no_peers_and_waits_for_them()
    {
        var ct = TestContext.Current.CancellationToken;
        // Arrange
        var (claude, _) = await tmux.StartFakeClaudeAsync();
        var missing = _state.Combine("not-yet");

        // Act
        var board = await StartBoardAsync(ct, stateDirectory: missing);

        // Assert
        (await ScreenAsync(board, ct)).Should().Contain("does not exist yet");
        var register = await new CliProcess(missing, _home.Path, tmux).RunAsync("register", "ops", "--pane", claude);
        register.ExitCode.Should().Be(0, register.StandardOutput);
        await Eventually.WaitAsync(async () => Regex.IsMatch(await ScreenAsync(board, ct), @"ops\s+%\d+\s+idle"), "ops on the board");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Watch_without_a_terminal_or_once_json_without_once_is_a_usage_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var live = await RunAsync(ct, "watch");
        var json = await RunAsync(ct, "watch", "--json");

        live.ExitCode.Should().Be(2);
        live.StandardOutput.Should().Contain("--once");
        json.ExitCode.Should().Be(2);
        JsonDocument.Parse(json.StandardOutput).RootElement.GetProperty("error").GetProperty("code").GetString().Should().Be("usage");
    }

    // The "since" line under a waiting_select row: "   7s · screen".
    [GeneratedRegex(@"waiting_select.*\n\s+(\d+)s · screen")]
    private static partial Regex SecondsInState();

    public void Dispose()
    {
        _state.Dispose();
        _home.Dispose();
    }
}
