using System.Runtime.InteropServices;
using System.Text;

namespace SessionBridge.Processes;

/// <summary>
/// session-bridge-nats, the program that carries the NATS client, so that session-bridge and session-bridge-hook (which
/// every session on the file store starts) carry none. When <c>SESSION_BRIDGE_NATS</c> is set, the lean programs replace
/// themselves with it at their very start (<c>execv</c>: the same pid, stdin, stdout and environment), before reading
/// stdin or building anything. It is found beside the running program, never on PATH: the one installed with it.
/// </summary>
internal static partial class Companion
{
    public const string ExecutableName = "session-bridge-nats";

    /// <summary>session-bridge-web, the board in a browser, which <c>session-bridge web</c> becomes; found the same way.</summary>
    public const string WebExecutableName = "session-bridge-web";

    /// <summary>The first argument that makes the companion run the hook rather than the server or a command.</summary>
    public const string HookArgument = "hook";

    /// <summary>Whether this process must hand over: <c>SESSION_BRIDGE_NATS</c> is set and not blank.</summary>
    public static bool Wanted(Func<string, string?> getVariable) => !string.IsNullOrWhiteSpace(getVariable("SESSION_BRIDGE_NATS"));

    /// <summary>
    /// The companion beside this program (<paramref name="directory"/>, by default the running program's): its executable
    /// (NativeAOT, or a framework-dependent build's apphost), else its .dll (the .NET tool package); null when neither is there.
    /// </summary>
    public static string? Find(string? directory = null) => FindBeside(ExecutableName, directory);

    /// <summary>The program <paramref name="name"/> beside this one (executable, else .dll); null when neither is there.</summary>
    public static string? FindBeside(string name, string? directory = null)
    {
        directory ??= AppContext.BaseDirectory;
        var executable = Path.Combine(directory, name);
        if (File.Exists(executable))
            return executable;
        var dll = executable + ".dll";
        return File.Exists(dll) ? dll : null;
    }

    /// <summary>
    /// Replaces this process with the companion, given <paramref name="arguments"/>. Returns only when it could not,
    /// with why, in words for stderr.
    /// </summary>
    public static string HandOver(IReadOnlyList<string> arguments)
    {
        if (Find() is not { } companion)
        {
            return $"SESSION_BRIDGE_NATS is set, but {ExecutableName}, the program that carries the NATS client, is not beside this "
                + $"one in {AppContext.BaseDirectory}. Reinstall with ./install.sh (it installs both), or unset SESSION_BRIDGE_NATS "
                + "to use the local files.";
        }

        return $"SESSION_BRIDGE_NATS is set, and {Run(companion, arguments)}";
    }

    /// <summary>
    /// Replaces this process with <paramref name="program"/> (found by <see cref="FindBeside"/>), given
    /// <paramref name="arguments"/>. Returns only when it could not, with why.
    /// </summary>
    public static string Run(string program, IReadOnlyList<string> arguments)
    {
        string[] argv;
        if (program.EndsWith(".dll", StringComparison.Ordinal))
        {
            // A framework-dependent build (the .NET tool package): the dotnet host runs the program's dll.
            if (DotnetHost() is not { } host)
                return $"{program} needs the dotnet host, which was not found: set DOTNET_HOST_PATH to it.";
            argv = [host, program, .. arguments];
        }
        else
        {
            argv = [program, .. arguments];
        }

        Execute(argv);
        return $"{argv[0]} could not be started ({Marshal.GetLastPInvokeErrorMessage()}).";
    }

    // DOTNET_HOST_PATH when the SDK set it; the host running this process; else the one of the runtime it runs on
    // (<root>/shared/Microsoft.NETCore.App/<version>/ holds the runtime, <root>/dotnet the host).
    private static string? DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } set && File.Exists(set))
            return set;
        if (Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet")
            return process;
        if (AppContext.GetData("FX_DEPS_FILE") is string deps && Path.GetDirectoryName(deps) is { } runtime)
        {
            var host = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "dotnet"));
            if (File.Exists(host))
                return host;
        }

        return null;
    }

    // execv with NUL-terminated UTF-8 strings made by hand: blittable arguments, no marshalling (NativeAOT-safe).
    private static void Execute(string[] argv)
    {
        var pointers = new IntPtr[argv.Length + 1];
        try
        {
            for (var i = 0; i < argv.Length; i++)
                pointers[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
            _ = Exec(Encoding.UTF8.GetBytes(argv[0] + "\0"), pointers);
        }
        finally
        {
            foreach (var pointer in pointers)
                Marshal.FreeCoTaskMem(pointer);
        }
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true)]
    private static partial int Exec(byte[] path, IntPtr[] argv);
}
