namespace SessionBridge.Diagnostics;

/// <summary>
/// Where doctor looks and what its fixes name: the home directory (~/.claude.json, ~/.claude/settings.json),
/// the working directory (.mcp.json), and the command that runs this very session-bridge, so a fix can be
/// pasted as printed.
/// </summary>
internal sealed record DoctorEnvironment(string Home, string WorkingDirectory, string Program, string? HookBesideProgram);
