using CliWrap;
using CliWrap.Buffered;

namespace SessionBridge.Tests.Infrastructure;

/// <summary>
/// Runs a program in its own mount namespace (<c>unshare</c>) with a file system mounted over one directory
/// that only that program sees: a tiny tmpfs that fills up, or a read-only bind mount. Real ENOSPC and
/// EROFS, which root gets too (root walks through file permissions), and nothing changes for the rest of
/// the machine. The directory the program sees is gone when it exits.
/// </summary>
public static class ConfinedFileSystem
{
    private static readonly Lazy<Task<string?>> UnavailableReason = new(FindUnavailableReasonAsync);

    /// <summary>Why no mount namespace can be made here, or null when one can.</summary>
    public static Task<string?> WhyUnavailableAsync() => UnavailableReason.Value;

    /// <summary>
    /// A command that mounts a tmpfs of <paramref name="sizeKiB"/> KiB over <paramref name="directory"/>
    /// and runs <paramref name="program"/> there. Creating <c>fill</c> in <paramref name="control"/>
    /// fills the tmpfs (the program sees a full disk, <c>filled</c> appears); creating <c>free</c> empties
    /// it again (<c>freed</c> appears).
    /// </summary>
    public static (string Command, string[] Arguments) SmallDisk(
        string directory,
        int sizeKiB,
        string control,
        string program,
        params string[] arguments
    ) =>
        Wrap(
            $$"""
            mount -t tmpfs -o size={{sizeKiB}}k,mode=0700 tmpfs "$1" || exit 97
            (
              # Bounded: the helper ends on its own if a test never gets as far as "free".
              wait_for() { i=0; while [ ! -e "$2/$1" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done; }
              wait_for fill "$2"; head -c {{2 * sizeKiB}}k /dev/zero > "$1/filler" 2>/dev/null; touch "$2/filled"
              wait_for free "$2"; rm -f "$1/filler"; touch "$2/freed"
            ) </dev/null >/dev/null 2>&1 &
            shift 2
            exec "$@"
            """,
            [directory, control, program, .. arguments]
        );

    /// <summary>A command that runs <paramref name="program"/> with <paramref name="directory"/> (as it is now) read-only.</summary>
    public static (string Command, string[] Arguments) ReadOnly(string directory, string program, params string[] arguments) =>
        Wrap(
            """
            mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 97
            shift 2
            exec "$@"
            """,
            [directory, "-", program, .. arguments]
        );

    /// <summary>Runs <paramref name="script"/> under sh in a new mount namespace, with its own arguments as $1….</summary>
    private static (string Command, string[] Arguments) Wrap(string script, string[] arguments) =>
        ("unshare", [.. NamespaceOptions, "--", "sh", "-c", script, "sh", .. arguments]);

    // Root makes a mount namespace directly; anyone else through a user namespace in which they are root.
    private static string[] NamespaceOptions => Environment.UserName == "root" ? ["--mount"] : ["--map-root-user", "--mount"];

    private static async Task<string?> FindUnavailableReasonAsync()
    {
        using var probe = new TempDirectory("ns");
        try
        {
            var (command, arguments) = Wrap(
                """mount -t tmpfs -o size=64k tmpfs "$1" && exec true""",
                [probe.Path]
            );
            var result = await Cli.Wrap(command)
                .WithArguments(arguments)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync();
            return result.ExitCode == 0
                ? null
                : $"cannot make a mount namespace here (unshare: {result.StandardError.Trim()})";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"cannot make a mount namespace here ({e.Message})";
        }
    }
}
