using System.Text.Json;
using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Hook;

/// <summary>
/// The reader the server uses: a pane's presence when this pane process wrote it, and otherwise null with a
/// warning (never an exception), so the screen decides.
/// </summary>
public sealed class PresenceStoreSpecs : IDisposable
{
    private static readonly PaneIdentity Pane = new("/tmp/tmux-1000/default", 4100, "%5", 4242);
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _state = new("state");
    private readonly List<string> _warnings = [];
    private readonly PresenceStore _store;

    public PresenceStoreSpecs()
    {
        var directory = new StateDirectory(_state.Path);
        directory.EnsureCreated();
        _store = new PresenceStore(directory, _warnings.Add);
    }

    private static Presence Busy(PaneIdentity pane) =>
        new(PresenceState.Busy, At, "s1", HookEventName.PreToolUse, "Bash", At, pane.Socket, pane.ServerPid, pane.Pane, pane.PanePid, "Earlier answer.", At);

    private async Task Write(Presence presence) =>
        await _store.UpdateAsync(presence.Identity, _ => presence, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

    private string File_ => _store.PathFor(Pane.Socket, Pane.Pane);

    [Fact]
    public async Task I_read_back_what_this_pane_process_recorded()
    {
        // Arrange
        await Write(Busy(Pane));

        // Act
        var byIdentity = _store.Read(Pane.Socket, Pane.ServerPid, Pane.Pane, Pane.PanePid);
        var byRegistration = _store.Read(new PeerRegistration("dev", Pane.Pane, Pane.Socket, Pane.ServerPid, Pane.PanePid, "/", At, At));

        // Assert
        byIdentity.Should().Be(Busy(Pane));
        byRegistration.Should().Be(Busy(Pane));
        _warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task The_file_speaks_camelCase_with_the_state_s_wire_name()
    {
        // Arrange
        var waiting = Busy(Pane) with { State = PresenceState.WaitingPermission };

        // Act
        await Write(waiting);

        // Assert
        using var json = JsonDocument.Parse(File.ReadAllText(File_));
        json.RootElement.GetProperty("state").GetString().Should().Be("waiting_permission");
        json.RootElement.GetProperty("sessionId").GetString().Should().Be("s1");
        json.RootElement.GetProperty("panePid").GetInt32().Should().Be(4242);
        json.RootElement.GetProperty("lastAnswerAt").GetDateTimeOffset().Should().Be(At);
        json.RootElement.TryGetProperty("identity", out _).Should().BeFalse();
    }

    public static TheoryData<string> Shapes() => new("whole", "no session, tool or answer", "non-ASCII answer");

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task The_file_has_the_wire_form_the_source_generated_context_gives_a_presence(string shape)
    {
        // Arrange: the store writes and reads by hand (the hook's start-up budget); both ways must agree with StateJsonContext.
        var presence = shape switch
        {
            "whole" => Busy(Pane) with { State = PresenceState.WaitingQuestion, Since = At.AddSeconds(-3).ToOffset(TimeSpan.FromHours(2)) },
            "no session, tool or answer" => Busy(Pane) with { SessionId = null, Tool = null, LastAnswer = null, LastAnswerAt = null, State = PresenceState.Ended },
            _ => Busy(Pane) with { LastAnswer = "Fertig ✓ \"quoted\"\n🎉 \u0001 end" },
        };

        // Act
        await Write(presence);
        var written = File.ReadAllBytes(File_);
        var generated = JsonSerializer.SerializeToUtf8Bytes(presence, StateJsonContext.Files.Presence);
        File.WriteAllBytes(File_, generated);
        var readBack = _store.Read(Pane);

        // Assert
        JsonSerializer.Deserialize(written, StateJsonContext.Default.Presence).Should().Be(presence);
        readBack.Should().Be(presence);
        _warnings.Should().BeEmpty();
    }

    [Fact]
    public void No_file_is_no_presence_and_no_warning()
    {
        // Act
        var presence = _store.Read(Pane);

        // Assert
        presence.Should().BeNull();
        _warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task A_registration_without_the_pids_that_tell_panes_apart_gets_no_presence()
    {
        // Arrange
        await Write(Busy(Pane));

        // Act
        var presence = _store.Read(new PeerRegistration("dev", Pane.Pane, Pane.Socket, null, null, "/", At, At));

        // Assert
        presence.Should().BeNull();
    }

    public static TheoryData<string> Strangers() => new("another server pid", "another pane pid", "another socket", "another pane");

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task A_record_from_another_tmux_server_or_pane_process_is_ignored_with_a_warning(string stranger)
    {
        // Arrange: the file sits where this pane's would, but names someone else.
        var other = stranger switch
        {
            "another server pid" => Pane with { ServerPid = 777 },
            "another pane pid" => Pane with { PanePid = 778 },
            "another socket" => Pane with { Socket = "/tmp/tmux-1000/other" },
            _ => Pane with { Pane = "%6" },
        };
        await Write(Busy(other));
        if (_store.PathFor(other.Socket, other.Pane) != File_)
            File.Copy(_store.PathFor(other.Socket, other.Pane), File_, overwrite: true);

        // Act
        var presence = _store.Read(Pane);

        // Assert
        presence.Should().BeNull();
        _warnings.Should().ContainSingle().Which.Should().Contain(File_).And.Contain("the screen decides");
    }

    public static TheoryData<string> Corrupt() =>
        new("{\"state\": \"busy\", oops", "", "null", "[]", "{\"state\":\"napping\",\"since\":\"2026-11-24T10:00:00Z\"}", "{\"state\":\"busy\"}", "\0\0\0", "{\"state\":\"busy\",\"since\":\"yesterday\"}", "{\"state\":7}", "{\"panePid\":\"12\"}");

    [Theory]
    [MemberData(nameof(Corrupt))]
    public void A_corrupt_record_is_ignored_with_a_warning(string content)
    {
        // Arrange
        File.WriteAllText(File_, content);

        // Act
        var presence = _store.Read(Pane);

        // Assert
        presence.Should().BeNull();
        _warnings.Should().ContainSingle().Which.Should().Contain(File_);
    }

    [Fact]
    public void A_huge_record_is_ignored_with_a_warning_without_being_parsed()
    {
        // Arrange: valid JSON, this pane's, but far bigger than the hook ever writes.
        var huge = Busy(Pane) with { LastAnswer = new string('x', 100_000) };
        File.WriteAllText(File_, JsonSerializer.Serialize(huge, StateJsonContext.Files.Presence));

        // Act
        var presence = _store.Read(Pane);

        // Assert
        presence.Should().BeNull();
        _warnings.Should().ContainSingle().Which.Should().Contain("65,536");
    }

    [Fact]
    public async Task A_writer_replaces_a_stranger_s_record_instead_of_building_on_it()
    {
        // Arrange
        await Write(Busy(Pane with { PanePid = 1 }));
        Presence? seen = Busy(Pane);

        // Act
        await _store.UpdateAsync(Pane, current => (seen = current) is null ? Busy(Pane) with { LastAnswer = null } : null, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        // Assert
        seen.Should().BeNull("the update is handed no record: the file was another pane process's");
        _store.Read(Pane)!.LastAnswer.Should().BeNull();
    }

    [Fact]
    public void The_presence_directory_is_created_with_the_state_directory_so_it_can_be_watched()
    {
        // Assert
        _store.Directory.Should().Be(Path.Combine(_state.Path, "presence"));
        Directory.Exists(_store.Directory).Should().BeTrue();
        File.GetUnixFileMode(_store.Directory).Should().Be(FileModes.PrivateDirectory);
    }

    public void Dispose() => _state.Dispose();
}
