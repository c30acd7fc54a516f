using System.Text.Json;
using SessionBridge.Diagnostics;

namespace SessionBridge.Tests.Setup;

/// <summary>
/// `session-bridge doctor` checks the web board's program, session-bridge-web, beside session-bridge: there and
/// executable is ok; missing or not executable is a warning that names install.sh, never a failure (the board is optional).
/// </summary>
public sealed class DoctorWebSpecs : IDisposable
{
    private readonly TempDirectory _home = new("home");
    private readonly TempDirectory _state = new("state");
    private readonly TempDirectory _folder = new("bin");

    private string Board => Path.Combine(_folder.Path, "session-bridge-web");

    [Fact(Timeout = Timeouts.Spec)]
    public void Without_session_bridge_web_beside_the_program_the_check_warns_and_names_install_sh()
    {
        // Act
        var check = CompanionChecks.WebBoard(_folder.Path);

        // Assert
        check.Outcome.Should().Be(CheckOutcome.Warning);
        check.Detail.Should().Be($"session-bridge-web is not beside this program in {_folder.Path}: session-bridge web cannot run (nothing else needs it)");
        check.Fix.Should().Contain("./install.sh");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public void A_session_bridge_web_that_is_not_executable_warns()
    {
        // Arrange
        File.WriteAllText(Board, "#!/bin/sh\n");
        File.SetUnixFileMode(Board, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // Act
        var check = CompanionChecks.WebBoard(_folder.Path);

        // Assert
        check.Outcome.Should().Be(CheckOutcome.Warning);
        check.Detail.Should().Be($"{Board} is not executable: session-bridge web cannot run it");
        check.Fix.Should().Contain("./install.sh");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public void An_executable_session_bridge_web_beside_the_program_is_ok()
    {
        // Arrange
        File.WriteAllText(Board, "#!/bin/sh\n");
        File.SetUnixFileMode(Board, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Act
        var check = CompanionChecks.WebBoard(_folder.Path);

        // Assert
        check.Outcome.Should().Be(CheckOutcome.Ok);
        check.Detail.Should().Be($"{Board}: session-bridge web serves the board with it");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task Doctor_reports_the_web_board_beside_the_running_session_bridge_as_a_check_of_its_own()
    {
        // Arrange: the build puts the tests' session-bridge in a folder of its own, with or without the board.
        var folder = Path.GetDirectoryName(BuiltExecutables.Server)!;
        var expected = CompanionChecks.WebBoard(folder);

        // Act
        var text = await new CliProcess(_state.Path, _home.Path).RunAsync("doctor");
        var json = await new CliProcess(_state.Path, _home.Path).RunAsync("doctor", "--json");

        // Assert
        var mark = expected.Outcome == CheckOutcome.Ok ? "ok  " : "warn";
        text.StandardOutput.Should().Contain($"{mark} web board: {expected.Detail}");
        var check = JsonDocument.Parse(json.StandardOutput).RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "web board");
        check.GetProperty("outcome").GetString().Should().Be(expected.Outcome == CheckOutcome.Ok ? "ok" : "warning");
    }

    public void Dispose()
    {
        _home.Dispose();
        _state.Dispose();
        _folder.Dispose();
    }
}
