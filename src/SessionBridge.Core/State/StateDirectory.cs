namespace SessionBridge.State;

/// <summary>
/// Where the shared state lives and the modes it must have. Prompts in here steer agents, so the
/// directory is 0700 and every file 0600: whoever can write here can type into your sessions.
/// A team's shared files live in <c>teams/&lt;team&gt;/</c> under their usual names (<see cref="TeamRoot"/>), the
/// team named <c>default</c>'s at the root, where they were before teams (so an older hook still finds them);
/// presence, pane locks and teams.json are the machine's, at the root, whichever team a pane is in.
/// </summary>
internal sealed class StateDirectory(string root, string team = TeamName.Default)
{
    /// <summary>Names the directory; read with the other settings (Bridge's BridgeSettings).</summary>
    public const string EnvironmentVariable = "SESSION_BRIDGE_DIR";

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The team whose shared files this directory holds (<see cref="TeamResolver"/> chose it).</summary>
    public string Team { get; } = team;

    /// <summary>
    /// teams/&lt;team&gt;/ (the root for the default team): the registry, mailboxes, conversation, briefings, held
    /// messages and the rest of one team.
    /// </summary>
    public string TeamRoot => Team == TeamName.Default ? Root : Path.Combine(Root, "teams", Team);

    /// <summary>The same machine's directory, for another team.</summary>
    public StateDirectory ForTeam(string other) => other == Team ? this : new(Root, other);

    public string RegistryPath => Path.Combine(TeamRoot, "registry.json");

    public string PromptsPath => Path.Combine(TeamRoot, "prompts.json");

    /// <summary>sessions.json: the Claude Code session each role of a team was started with (<see cref="RoleSessions"/>).</summary>
    public string SessionsPath => Path.Combine(TeamRoot, "sessions.json");

    /// <summary>supervision.json: who supervises which role (<see cref="SupervisionBook"/>).</summary>
    public string SupervisionPath => Path.Combine(TeamRoot, "supervision.json");

    /// <summary>requests/: one file per permission request of a supervised peer, pending or ended (<see cref="RequestStore"/>).</summary>
    public string RequestsDirectory => Path.Combine(TeamRoot, "requests");

    public string ConversationPath => Path.Combine(TeamRoot, "conversation.jsonl");

    public string MailboxDirectory => Path.Combine(TeamRoot, "mailbox");

    public string LocksDirectory => Path.Combine(Root, "locks");

    /// <summary>presence/: one file per tmux pane, written by the hook on every Claude Code event.</summary>
    public string PresenceDirectory => Path.Combine(Root, "presence");

    /// <summary>held/: one file per role with messages waiting for it to be able to take them (<see cref="HeldStore"/>).</summary>
    public string HeldDirectory => Path.Combine(TeamRoot, "held");

    public string MailboxPath(RoleName role) => Path.Combine(MailboxDirectory, role.Value + ".jsonl");

    /// <summary>The lock that guards <paramref name="dataPath"/>: a separate file, so readers never block on it.</summary>
    public static string LockPathFor(string dataPath) => dataPath + ".lock";

    /// <summary>Creates the directories (0700), and fixes the mode of ones that already exist.</summary>
    public void EnsureCreated()
    {
        EnsureDirectory(Root);
        EnsureDirectory(Path.Combine(Root, "teams"));
        EnsureDirectory(TeamRoot);
        if (!_filesChecked)
            TeamsUpgrade.MarkNew(this);
        EnsureDirectory(MailboxDirectory);
        EnsureDirectory(LocksDirectory);
        EnsureDirectory(PresenceDirectory);
        EnsureDirectory(HeldDirectory);
        if (_filesChecked)
            return;

        // Files written by hand or by older tools may be 0644: tighten them once per process.
        try
        {
            foreach (var file in Directory.EnumerateFiles(Root).Concat(Directory.EnumerateFiles(TeamRoot)).Distinct().Concat(Directory.EnumerateFiles(MailboxDirectory)))
                EnsureFileMode(file);
            _filesChecked = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateException(
                $"Cannot set the mode of the files in {Root} to 0600: {e.Message}. They should belong to this user.",
                StateOrigin.File(Root),
                e
            );
        }
    }

    private bool _filesChecked;

    private static void EnsureDirectory(string path)
    {
        try
        {
            // CreateDirectory(path, mode) leaves an existing directory's mode alone: set it explicitly.
            Directory.CreateDirectory(path, FileModes.PrivateDirectory);
            if (File.GetUnixFileMode(path) != FileModes.PrivateDirectory)
                File.SetUnixFileMode(path, FileModes.PrivateDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateException(
                $"Cannot create the state directory {path}: {e.Message}. "
                    + $"Make it writable by this user, or point {EnvironmentVariable} at a directory that is.",
                StateOrigin.File(path),
                e
            );
        }
    }

    /// <summary>Tightens an existing file to 0600 (files written by older tools may be 0644).</summary>
    internal static void EnsureFileMode(string path)
    {
        if (File.Exists(path) && File.GetUnixFileMode(path) != FileModes.PrivateFile)
            File.SetUnixFileMode(path, FileModes.PrivateFile);
    }
}
