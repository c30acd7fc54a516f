namespace SessionBridge.Testing;

/// <summary>
/// Whether this machine can link a NativeAOT build: a C compiler driver (clang or gcc) and objcopy, which
/// strips the symbols. Where they are missing, install.sh and pack.sh fall back to framework-dependent builds.
/// </summary>
public static class NativeToolchain
{
    /// <summary>Why NativeAOT cannot be built here, or null when it can.</summary>
    public static string? WhyUnavailable()
    {
        if (!OnPath("clang") && !OnPath("gcc"))
            return "no clang or gcc on PATH: NativeAOT cannot link here";
        if (!OnPath("objcopy"))
            return "no objcopy on PATH (binutils): NativeAOT cannot strip its symbols here";
        return null;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));
}
