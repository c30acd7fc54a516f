using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBridge.State;

/// <summary>
/// Moves a state directory written before teams (every shared file at the root) into <c>teams/&lt;team&gt;/</c>,
/// once, under a lock, when a new version first opens it; <c>teams/VERSION</c> says it is done. Each role goes to the
/// team its folder resolves to (<see cref="TeamResolver"/>): a role <c>up</c> started keeps the team it was started in
/// (sessions.json names it, and teams.json records its folder, so the folder finds it again); a role registered by
/// hand in a folder with a team file goes to that team; the rest to <see cref="TeamName.Default"/>. Its registration,
/// briefing, session id, mailbox, held messages, supervision and requests go with it; a line of the conversation
/// goes with its recipient (else its sender). Nothing is dropped: what names no known role goes to the default team.
/// </summary>
internal static class TeamsUpgrade
{
    public const string MarkerName = "VERSION";

    /// <summary>The layout this version writes: 2, teams under teams/ (1 was everything at the root).</summary>
    public const string Layout = "2";

    private static readonly string[] SharedFiles = ["registry.json", "prompts.json", "sessions.json", "supervision.json", "conversation.jsonl"];

    /// <summary>Upgrades <paramref name="directory"/> if an older version wrote it: a stat or two when there is nothing to move.</summary>
    public static void Ensure(StateDirectory directory, TimeSpan lockTimeout)
    {
        var teams = Path.Combine(directory.Root, "teams");
        var marker = Path.Combine(teams, MarkerName);
        // Nothing an older version wrote (a new or missing directory): nothing is created, the hook's rule.
        if (File.Exists(marker) || !OldFiles.Any(name => Path.Exists(Path.Combine(directory.Root, name))))
            return;

        Directory.CreateDirectory(teams, FileModes.PrivateDirectory);
        using var held = FileLock.Acquire(Path.Combine(directory.Root, "upgrade.lock"), lockTimeout);
        if (File.Exists(marker))
            return;
        Move(directory);
        AtomicFile.Replace(marker, s => s.Write(System.Text.Encoding.ASCII.GetBytes(Layout + "\n")), durable: true);
    }

    private static readonly string[] OldFiles = [.. SharedFiles, "mailbox", "held", "requests"];

    private static void Move(StateDirectory old)
    {
        var root = old.Root;
        var registry = ReadJson(Path.Combine(root, "registry.json"))?["peers"]?.AsObject();
        var sessions = ReadJson(Path.Combine(root, "sessions.json"))?["roles"]?.AsObject();

        // A team up started: its folder is where its roles' registrations say they run (their common folder).
        var recorded = new Dictionary<string, string>(TeamResolver.ReadFolders(root), StringComparer.Ordinal);
        foreach (var group in (sessions ?? []).GroupBy(s => s.Value?["team"]?.GetValue<string>()))
        {
            if (group.Key is not { } team || !TeamName.IsValid(team))
                continue;
            var cwds = group.Select(s => registry?[s.Key]?["cwd"]?.GetValue<string>()).OfType<string>().ToList();
            if (CommonFolder(cwds) is { } folder && !recorded.ContainsValue(team))
                recorded[folder] = team;
        }

        var teamOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (role, peer) in registry ?? [])
        {
            var cwd = peer?["cwd"]?.GetValue<string>();
            teamOf[role] = (cwd is null ? null : TeamResolver.FromFolder(cwd, recorded)) ?? TeamName.Default;
        }

        foreach (var (role, session) in sessions ?? [])
        {
            if (!teamOf.ContainsKey(role))
                teamOf[role] = session?["team"]?.GetValue<string>() is { } t && TeamName.IsValid(t) ? t : TeamName.Default;
        }

        string TeamOf(string? role) => role is not null && teamOf.TryGetValue(role, out var t) ? t : TeamName.Default;
        string Dir(string team)
        {
            var path = Path.Combine(root, "teams", team);
            Directory.CreateDirectory(path, FileModes.PrivateDirectory);
            return path;
        }

        // The keyed documents: each entry to its role's team (supervision by the supervised role).
        SplitDocument(root, "registry.json", "peers", TeamOf, Dir);
        SplitDocument(root, "prompts.json", "prompts", TeamOf, Dir);
        SplitDocument(root, "sessions.json", "roles", TeamOf, Dir);
        SplitDocument(root, "supervision.json", "roles", TeamOf, Dir);

        // conversation.jsonl: each line with its recipient's team, else its sender's; order kept.
        var conversation = Path.Combine(root, "conversation.jsonl");
        if (File.Exists(conversation))
        {
            var byTeam = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(conversation))
            {
                if (line.Length == 0)
                    continue;
                var node = TryParse(line);
                var to = node?["to"]?.GetValue<string>();
                var team = to is not null && teamOf.ContainsKey(to) ? TeamOf(to) : TeamOf(node?["from"]?.GetValue<string>());
                (byTeam.TryGetValue(team, out var lines) ? lines : byTeam[team] = []).Add(line);
            }

            foreach (var (team, lines) in byTeam)
                WriteText(Path.Combine(Dir(team), "conversation.jsonl"), string.Concat(lines.Select(l => l + "\n")));
            File.Delete(conversation);
        }

        // Per-role files: mailbox/<role>.jsonl and .read.json, held/<role>.json; requests/<id>.json by its role.
        foreach (var folder in new[] { "mailbox", "held" })
        {
            var from = Path.Combine(root, folder);
            if (!Directory.Exists(from))
                continue;
            foreach (var file in Directory.EnumerateFiles(from).ToList())
            {
                var name = Path.GetFileName(file);
                if (name.EndsWith(".lock", StringComparison.Ordinal))
                {
                    File.Delete(file);
                    continue;
                }

                var role = name.Split('.')[0];
                var to = Path.Combine(Dir(TeamOf(role)), folder);
                Directory.CreateDirectory(to, FileModes.PrivateDirectory);
                File.Move(file, Path.Combine(to, name), overwrite: true);
            }

            Directory.Delete(from, recursive: true);
        }

        var requests = Path.Combine(root, "requests");
        if (Directory.Exists(requests))
        {
            foreach (var file in Directory.EnumerateFiles(requests, "*.json").ToList())
            {
                var role = ReadJson(file)?["role"]?.GetValue<string>();
                var to = Path.Combine(Dir(TeamOf(role)), "requests");
                Directory.CreateDirectory(to, FileModes.PrivateDirectory);
                File.Move(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
            }

            Directory.Delete(requests, recursive: true);
        }

        foreach (var name in SharedFiles)
            File.Delete(Path.Combine(root, name) + ".lock");

        if (recorded.Count > 0)
        {
            var file = new TeamsFile { Folders = recorded };
            AtomicFile.Replace(
                Path.Combine(root, TeamResolver.TeamsFileName),
                s => JsonSerializer.Serialize(s, file, StateJsonContext.Files.TeamsFile),
                durable: true
            );
        }
    }

    private static void SplitDocument(string root, string name, string member, Func<string?, string> teamOf, Func<string, string> dir)
    {
        var path = Path.Combine(root, name);
        var document = ReadJson(path);
        if (document is null)
            return;
        var byTeam = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (key, value) in document[member]?.AsObject().ToList() ?? [])
        {
            var team = teamOf(key);
            if (!byTeam.TryGetValue(team, out var entries))
                byTeam[team] = entries = [];
            entries[key] = value?.DeepClone();
        }

        foreach (var (team, entries) in byTeam)
            WriteText(Path.Combine(dir(team), name), new JsonObject { [member] = entries }.ToJsonString());
        File.Delete(path);
    }

    private static string? CommonFolder(List<string> folders)
    {
        if (folders.Count == 0)
            return null;
        var common = Path.TrimEndingDirectorySeparator(folders[0]);
        foreach (var folder in folders.Skip(1))
        {
            while (common.Length > 1 && !(folder == common || folder.StartsWith(common + "/", StringComparison.Ordinal)))
                common = Path.GetDirectoryName(common) ?? "/";
        }

        return common;
    }

    private static JsonNode? ReadJson(string path)
    {
        try
        {
            return File.Exists(path) ? TryParse(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteText(string path, string text) =>
        AtomicFile.Replace(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)), durable: true);
}
