using System.Text.Json;
using SessionBridge.Errors;

namespace SessionBridge.State;

/// <summary>
/// Which team a program acts for, the first that applies: the name given (<c>--team</c>, or
/// <c>SESSION_BRIDGE_TEAM</c>, which <c>up</c> sets for the roles it starts); else the nearest folder at or above
/// <paramref name="folder"/> that <c>up</c> ran in (teams.json) or that holds a <c>session-bridge.json</c> (its
/// <c>name</c>, else the folder's name); else <see cref="TeamName.Default"/>. At one folder, what <c>up</c>
/// recorded wins over the file: it is the team that was started there (<c>up --team</c> may have renamed it).
/// Cheap enough for the hook: one read of teams.json and a stat per folder up to the root.
/// </summary>
internal static class TeamResolver
{
    public const string TeamsFileName = "teams.json";

    public static string Resolve(string? given, string? folder, string stateRoot)
    {
        if (!string.IsNullOrWhiteSpace(given))
            return given.Trim();
        return string.IsNullOrWhiteSpace(folder) ? TeamName.Default : FromFolder(folder, ReadFolders(stateRoot)) ?? TeamName.Default;
    }

    /// <summary>The team of the nearest folder at or above <paramref name="folder"/> that names one, or null.</summary>
    public static string? FromFolder(string folder, IReadOnlyDictionary<string, string> recorded)
    {
        string? current;
        try
        {
            current = Path.GetFullPath(folder);
        }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException)
        {
            return null;
        }

        for (; current is not null; current = Path.GetDirectoryName(current))
        {
            var key = Path.TrimEndingDirectorySeparator(current);
            if (recorded.TryGetValue(key.Length == 0 ? "/" : key, out var team) && TeamName.IsValid(team))
                return team;
            var file = Path.Combine(current, Team.TeamFile.FileName);
            if (File.Exists(file))
                return NameIn(file) ?? Team.TeamFile.SessionName(current);
        }

        return null;
    }

    /// <summary>
    /// The team file's <c>name</c> when it is a valid team name; null for none (or a file up cannot read, which up
    /// reports): only the one key is read, so the hook does not pay for checking the whole file.
    /// </summary>
    private static string? NameIn(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(
                File.ReadAllBytes(path),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }
            );
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("name", out var name)
                && name.ValueKind == JsonValueKind.String
                && name.GetString() is { } text
                && TeamName.IsValid(text)
                ? text
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>teams.json's folders; none when it is missing or unreadable (resolution then goes on to the next rule).</summary>
    public static IReadOnlyDictionary<string, string> ReadFolders(string stateRoot)
    {
        try
        {
            // A stat first: most machines have no teams.json, and a missing file's exception costs more than a stat.
            var path = Path.Combine(stateRoot, TeamsFileName);
            if (!File.Exists(path))
                return new Dictionary<string, string>();
            var bytes = File.ReadAllBytes(path);
            return bytes.Length == 0
                ? new Dictionary<string, string>()
                : JsonSerializer.Deserialize(bytes, StateJsonContext.Default.TeamsFile)?.Folders ?? new Dictionary<string, string>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return new Dictionary<string, string>();
        }
    }

    /// <summary>Refuses <paramref name="team"/> for <paramref name="folder"/> when another folder that still exists uses it; writes nothing.</summary>
    /// <exception cref="BridgeException">Another folder uses the name: the message names it.</exception>
    public static void CheckFree(StateDirectory directory, string folder, string team) => Refuse(ReadFolders(directory.Root), Key(folder), team);

    /// <summary>
    /// Records that <c>up</c> started <paramref name="team"/> in <paramref name="folder"/>, so the command line and
    /// hand-started sessions there join it.
    /// </summary>
    /// <exception cref="BridgeException">Another folder that still exists uses the name: the message names it.</exception>
    public static async Task RecordAsync(StateDirectory directory, string folder, string team, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        var key = Key(folder);
        var file = new JsonDocumentFile<TeamsFile>(
            Path.Combine(directory.Root, TeamsFileName),
            () => StateJsonContext.Files.TeamsFile,
            () => new TeamsFile(),
            lockTimeout,
            "the team each folder started"
        );
        await file.UpdateAsync(teams =>
        {
            Refuse(teams.Folders, key, team);
            foreach (var stale in teams.Folders.Where(f => f.Value == team && f.Key != key).Select(f => f.Key).ToList())
                teams.Folders.Remove(stale);
            teams.Folders[key] = team;
            return (teams, true);
        }, cancellationToken);
    }

    /// <summary>The team <c>up</c> recorded for exactly <paramref name="folder"/>, or null.</summary>
    public static string? RecordedFor(string stateRoot, string folder) =>
        ReadFolders(stateRoot).TryGetValue(Key(folder), out var team) && TeamName.IsValid(team) ? team : null;

    private static string Key(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));

    private static void Refuse(IReadOnlyDictionary<string, string> folders, string key, string team)
    {
        // A folder that is gone gives its name up: the name is taken only while its folder can still be used.
        var other = folders.FirstOrDefault(f => f.Value == team && f.Key != key && Directory.Exists(f.Key)).Key;
        if (other is not null)
        {
            throw new BridgeException(
                $"The team name \"{team}\" is already used by {other}: nothing was started. Give this folder's team another "
                    + "name with --team NAME (or \"name\" in its session-bridge.json)."
            );
        }
    }

    /// <summary>Every team with state on this machine: the default team (at the root) and the folders under teams/, sorted.</summary>
    public static IReadOnlyList<string> All(StateDirectory directory)
    {
        var teams = Path.Combine(directory.Root, "teams");
        var named = Directory.Exists(teams) ? Directory.EnumerateDirectories(teams).Select(Path.GetFileName).OfType<string>().Where(TeamName.IsValid) : [];
        return [.. named.Append(TeamName.Default).Distinct().Order(StringComparer.Ordinal)];
    }
}
