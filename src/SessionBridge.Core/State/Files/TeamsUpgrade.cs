using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBridge.State;

/// <summary>
/// Upgrades a state directory written before teams, once, under a lock, when this version first opens it;
/// <c>teams/VERSION</c> says it is done. The team named <see cref="TeamName.Default"/> keeps the root, so what belongs
/// to no folder's team stays where it was (and an older hook still finds it); each role whose folder resolves to
/// another team (<see cref="TeamResolver"/>) moves to <c>teams/&lt;team&gt;/</c> with its registration, briefing,
/// session id, mailbox, held messages, supervision and requests. A role <c>up</c> started keeps the team it was started
/// in: sessions.json names it, and teams.json records its folder, so the folder finds it again. A line of the
/// conversation goes with its recipient (else its sender). Nothing is dropped.
/// </summary>
internal static class TeamsUpgrade
{
    public const string MarkerName = "VERSION";

    /// <summary>The layout this version writes: 2, named teams under teams/ (1 was one team at the root).</summary>
    public const string Layout = "2";

    private static readonly string[] Keyed = ["registry.json", "prompts.json", "sessions.json", "supervision.json"];

    /// <summary>
    /// Upgrades <paramref name="directory"/> if an older version wrote it: a stat or three when there is nothing to
    /// move. Each program runs it once, before it opens a store (the server, the command line and the hook).
    /// </summary>
    public static async Task EnsureAsync(StateDirectory directory, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        var root = directory.Root;
        var marker = Marker(root);
        // Nothing an older version registered (a new or missing directory): nothing is created, the hook's rule.
        if (File.Exists(marker) || !(File.Exists(Path.Combine(root, "registry.json")) || File.Exists(Path.Combine(root, "sessions.json"))))
            return;

        Directory.CreateDirectory(Path.Combine(root, "teams"), FileModes.PrivateDirectory);
        using var held = await FileLock.AcquireAsync(Path.Combine(root, "upgrade.lock"), lockTimeout, cancellationToken);
        if (File.Exists(marker))
            return;
        Move(root);
        Mark(root);
    }

    /// <summary>Marks a directory this version creates: it holds nothing an older version wrote, so nothing is ever moved.</summary>
    public static void MarkNew(StateDirectory directory)
    {
        var root = directory.Root;
        if (!File.Exists(Marker(root)) && !File.Exists(Path.Combine(root, "registry.json")) && !File.Exists(Path.Combine(root, "sessions.json")))
            Mark(root);
    }

    private static string Marker(string root) => Path.Combine(root, "teams", MarkerName);

    private static void Mark(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "teams"), FileModes.PrivateDirectory);
        AtomicFile.Replace(Marker(root), s => s.Write(System.Text.Encoding.ASCII.GetBytes(Layout + "\n")), durable: true);
    }

    private static void Move(string root)
    {
        var registry = ReadJson(Path.Combine(root, "registry.json"))?["peers"]?.AsObject();
        var sessions = ReadJson(Path.Combine(root, "sessions.json"))?["roles"]?.AsObject();

        // A team up started: its folder is where its roles' registrations say they run (their common folder).
        var recorded = new Dictionary<string, string>(TeamResolver.ReadFolders(root), StringComparer.Ordinal);
        foreach (var group in (sessions ?? []).GroupBy(s => Text(s.Value?["team"])))
        {
            if (group.Key is not { } team || !TeamName.IsValid(team) || team == TeamName.Default)
                continue;
            var cwds = group.Select(s => Text(registry?[s.Key]?["cwd"])).OfType<string>().ToList();
            if (CommonFolder(cwds) is { } folder && !recorded.ContainsValue(team) && !recorded.ContainsKey(folder))
                recorded[folder] = team;
        }

        var teamOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (role, peer) in registry ?? [])
            teamOf[role] = (Text(peer?["cwd"]) is { } cwd ? TeamResolver.FromFolder(cwd, recorded) : null) ?? TeamName.Default;
        foreach (var (role, session) in sessions ?? [])
        {
            if (!teamOf.ContainsKey(role))
                teamOf[role] = Text(session?["team"]) is { } t && recorded.ContainsValue(t) ? t : TeamName.Default;
        }

        string TeamOf(string? role) => role is not null && teamOf.TryGetValue(role, out var t) ? t : TeamName.Default;
        string Dir(string team)
        {
            var path = new StateDirectory(root, team).TeamRoot;
            Directory.CreateDirectory(path, FileModes.PrivateDirectory);
            return path;
        }

        foreach (var name in Keyed)
            SplitDocument(root, name, TeamOf, Dir);
        SplitConversation(root, to => to is not null && teamOf.ContainsKey(to), TeamOf, Dir);

        // Per-role files: mailbox/<role>.jsonl and .read.json, held/<role>.json; requests/<id>.json by its role.
        foreach (var folder in new[] { "mailbox", "held", "requests" })
        {
            var from = Path.Combine(root, folder);
            if (!Directory.Exists(from))
                continue;
            foreach (var file in Directory.EnumerateFiles(from).ToList())
            {
                var name = Path.GetFileName(file);
                var role = folder == "requests" ? Text(ReadJson(file)?["role"]) : name.Split('.')[0];
                if (name.EndsWith(".lock", StringComparison.Ordinal) || TeamOf(role) is not { } team || team == TeamName.Default)
                    continue;
                var to = Path.Combine(Dir(team), folder);
                Directory.CreateDirectory(to, FileModes.PrivateDirectory);
                File.Move(file, Path.Combine(to, name), overwrite: true);
            }
        }

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

    /// <summary>Each entry of a keyed document to its role's team (supervision by the supervised role); the default team's stay.</summary>
    private static void SplitDocument(string root, string name, Func<string?, string> teamOf, Func<string, string> dir)
    {
        var path = Path.Combine(root, name);
        if (ReadJson(path) is not JsonObject document || document.FirstOrDefault() is not (var member, JsonObject entries))
            return;
        var byTeam = entries.GroupBy(e => teamOf(e.Key)).ToList();
        if (byTeam.All(g => g.Key == TeamName.Default))
            return;
        foreach (var group in byTeam.Where(g => g.Key != TeamName.Default))
            WriteText(Path.Combine(dir(group.Key), name), Document(member, group));
        WriteText(path, Document(member, byTeam.FirstOrDefault(g => g.Key == TeamName.Default) ?? Enumerable.Empty<KeyValuePair<string, JsonNode?>>()));
    }

    private static string Document(string member, IEnumerable<KeyValuePair<string, JsonNode?>> entries)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in entries)
            copy[key] = value?.DeepClone();
        return new JsonObject { [member] = copy }.ToJsonString();
    }

    /// <summary>conversation.jsonl: each line with its recipient's team, else its sender's; order kept.</summary>
    private static void SplitConversation(string root, Func<string?, bool> known, Func<string?, string> teamOf, Func<string, string> dir)
    {
        var path = Path.Combine(root, "conversation.jsonl");
        if (!File.Exists(path))
            return;
        var byTeam = new Dictionary<string, List<string>>(StringComparer.Ordinal) { [TeamName.Default] = [] };
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var node = TryParse(line);
            var to = Text(node?["to"]);
            var team = known(to) ? teamOf(to) : teamOf(Text(node?["from"]));
            (byTeam.TryGetValue(team, out var lines) ? lines : byTeam[team] = []).Add(line);
        }

        if (byTeam.Count == 1)
            return;
        foreach (var (team, lines) in byTeam.Where(t => t.Key != TeamName.Default))
            WriteText(Path.Combine(dir(team), "conversation.jsonl"), string.Concat(lines.Select(l => l + "\n")));
        WriteText(path, string.Concat(byTeam[TeamName.Default].Select(l => l + "\n")));
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

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

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
