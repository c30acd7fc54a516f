using System.Text.RegularExpressions;

namespace SessionBridge.Team;

/// <summary>
/// The team file, <c>session-bridge.json</c>: what <c>session-bridge up</c> starts. A person writes it by hand
/// and commits it beside the code, so it is JSON with comments and trailing commas, checked strictly (an unknown
/// key is an error, not ignored) with errors that name the file, the line and the field. docs/team-file.md is
/// its reference; schema/session-bridge.schema.json lets editors check it as it is typed.
/// </summary>
internal static partial class TeamFile
{
    public const string FileName = "session-bridge.json";

    /// <summary>The JSON Schema's file name: in the repository's schema/ folder, and beside the installed programs.</summary>
    public const string SchemaFileName = "session-bridge.schema.json";

    /// <summary>How Claude Code is started when the file does not say: <c>claude</c> on PATH.</summary>
    public const string DefaultCommand = "claude";

    /// <summary>The keys of the file's top level, in the order the reference gives them.</summary>
    public static IReadOnlyList<string> TeamKeys { get; } = ["$schema", "name", "layout", "command", "env", "roles"];

    /// <summary>The keys of one role.</summary>
    public static IReadOnlyList<string> RoleKeys { get; } =
        ["briefing", "agent", "worktree", "cwd", "permissionMode", "model", "args", "env", "command", "supervises", "supervisor"];

    /// <summary>Claude Code's <c>--permission-mode</c> choices (2.1.331's help, plus "default" of earlier versions).</summary>
    public static IReadOnlyList<string> PermissionModes { get; } =
        ["acceptEdits", "auto", "bypassPermissions", "default", "dontAsk", "manual", "plan"];

    /// <summary>The team file in <paramref name="folder"/> (absolute), or null when it has none.</summary>
    public static string? Find(string folder)
    {
        var path = Path.GetFullPath(Path.Combine(folder, FileName));
        return File.Exists(path) ? path : null;
    }

    /// <summary>Reads and checks the team file at <paramref name="path"/>; <c>@path</c> briefings are read now, whole.</summary>
    /// <exception cref="TeamFileException">The file cannot be read or is not a valid team file; the message says where and why.</exception>
    public static TeamDefinition Load(string path) => new TeamFileReader(Path.GetFullPath(path)).Read();

    /// <summary>The original's loop, started in <paramref name="folder"/>: gestor, dev and reviewer with short briefings.</summary>
    public static TeamDefinition Default(string folder) => DefaultTeam.In(Path.GetFullPath(folder));

    /// <summary>
    /// A commented team file for the default team (what <c>up --init</c> writes). Its <c>$schema</c> points at
    /// <paramref name="schemaLocation"/>, by default the schema installed beside this program.
    /// </summary>
    public static string StarterText(string? schemaLocation = null) =>
        DefaultTeam.StarterText(schemaLocation ?? Path.Combine(AppContext.BaseDirectory, SchemaFileName));

    /// <summary>
    /// A tmux session name made from a folder's name: letters, digits, '-' and '_' kept, every other run of
    /// characters one '-' (tmux itself refuses ':' and '.'; spaces make the attach line need quotes).
    /// </summary>
    public static string SessionName(string folder)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var cleaned = NotSessionNameChars().Replace(name, "-").Trim('-');
        if (cleaned.Length > MaxSessionName)
            cleaned = cleaned[..MaxSessionName].TrimEnd('-');
        return cleaned.Length == 0 ? "team" : cleaned;
    }

    /// <summary>Whether <paramref name="name"/> can be a team's tmux session name as written.</summary>
    public static bool IsValidSessionName(string name) => SessionNamePattern().IsMatch(name);

    private const int MaxSessionName = 64;

    [GeneratedRegex("[^A-Za-z0-9_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotSessionNameChars();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SessionNamePattern();
}
