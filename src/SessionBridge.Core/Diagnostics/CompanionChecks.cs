using SessionBridge.Bridge;
using SessionBridge.Processes;
using SessionBridge.State;

namespace SessionBridge.Diagnostics;

/// <summary>The doctor's checks of the programs installed beside this one: the NATS companion and the web board.</summary>
internal static class CompanionChecks
{
    // The lean programs hand over to the companion when SESSION_BRIDGE_NATS is set: without it, NATS mode cannot start.
    public static DoctorCheck Nats(BridgeOptions options)
    {
        const string name = "NATS companion";
        var used = !string.IsNullOrWhiteSpace(options.GetVariable(StateStore.RemoteVariable));
        return Companion.Find() is { } path
            ? new DoctorCheck(
                name,
                CheckOutcome.Ok,
                used
                    ? $"{path}: in use, {StateStore.RemoteVariable} is set (the server, the hook and the commands run it)"
                    : $"{path}: present, unused until {StateStore.RemoteVariable} is set"
            )
            : new DoctorCheck(
                name,
                used ? CheckOutcome.Failed : CheckOutcome.Warning,
                $"{Companion.ExecutableName} is not beside this program in {AppContext.BaseDirectory}: a team on NATS ({StateStore.RemoteVariable}) cannot run here",
                $"Reinstall with ./install.sh (it installs {Companion.ExecutableName} beside session-bridge){(used ? $", or unset {StateStore.RemoteVariable} to use the local files" : "")}."
            );
    }

    /// <summary>
    /// session-bridge-web beside the program in <paramref name="directory"/>, able to run: <c>session-bridge web</c> becomes
    /// it. The board is optional, so a missing one is a warning, never a failure.
    /// </summary>
    public static DoctorCheck WebBoard(string directory)
    {
        const string name = "web board";
        directory = Path.TrimEndingDirectorySeparator(directory);
        var fix = $"Reinstall with ./install.sh (it installs {Companion.WebExecutableName} beside session-bridge).";
        if (Companion.FindBeside(Companion.WebExecutableName, directory) is not { } path)
        {
            return new DoctorCheck(
                name,
                CheckOutcome.Warning,
                $"{Companion.WebExecutableName} is not beside this program in {directory}: session-bridge web cannot run (nothing else needs it)",
                fix
            );
        }

        // A .dll (the .NET tool package) is run by the dotnet host: no mode of its own to check.
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if (!path.EndsWith(".dll", StringComparison.Ordinal) && (File.GetUnixFileMode(path) & anyExecute) == 0)
            return new DoctorCheck(name, CheckOutcome.Warning, $"{path} is not executable: session-bridge web cannot run it", fix);
        return new DoctorCheck(name, CheckOutcome.Ok, $"{path}: session-bridge web serves the board with it");
    }
}
