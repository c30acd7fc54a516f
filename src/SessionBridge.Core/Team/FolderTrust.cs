using SessionBridge.Screens;
using SessionBridge.Tmux;

namespace SessionBridge.Team;

/// <summary>
/// Claude Code's folder-trust dialog ("Quick safety check: Is this a project you created or one you trust?",
/// options "No, exit" and "Yes, I trust this folder", the folder on the line under "Accessing workspace:").
/// <c>up --trust</c> answers it with "Yes", and only in the team's folders; Claude Code's own files are never edited.
/// </summary>
internal sealed record FolderTrust(string Folder)
{
    private const string YesLabel = "Yes, I trust this folder";

    /// <summary>The dialog's folder, when <paramref name="reading"/> is the folder-trust dialog; else null.</summary>
    public static FolderTrust? Read(ScreenReading reading, string screen)
    {
        if (reading.State != ScreenState.WaitingSelect || !reading.Options.Any(o => o.Label.StartsWith(YesLabel, StringComparison.Ordinal)))
            return null;
        var lines = ScreenLines.Split(screen);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!ScreenLines.Text(lines[i]).StartsWith("Accessing workspace:", StringComparison.Ordinal))
                continue;
            var folder = lines.Skip(i + 1).Select(ScreenLines.Text).FirstOrDefault(l => l.Length > 0);
            return folder is null ? null : new FolderTrust(folder);
        }

        return null;
    }

    /// <summary>The team file's folder, a role's cwd, or a folder under one of them (a role's worktree).</summary>
    public static bool IsTeamFolder(string folder, TeamDefinition team)
    {
        var asked = Normalise(folder);
        return team.Roles.Select(r => r.Cwd).Append(team.Folder).Select(Normalise)
            .Any(f => asked == f || asked.StartsWith(f + "/", StringComparison.Ordinal));
    }

    /// <summary>Moves the cursor to "Yes" and presses Enter.</summary>
    public static async Task AnswerYesAsync(TmuxClient tmux, string pane, ScreenReading reading, TimeSpan keyInterval, CancellationToken cancellationToken)
    {
        var options = reading.Options.ToList();
        var cursor = Math.Max(0, options.FindIndex(o => o.Selected));
        var yes = options.FindIndex(o => o.Label.StartsWith(YesLabel, StringComparison.Ordinal));
        var key = yes > cursor ? "Down" : "Up";
        for (var i = 0; i < Math.Abs(yes - cursor); i++)
        {
            await tmux.SendKeyAsync(pane, key, cancellationToken);
            await Task.Delay(keyInterval, cancellationToken);
        }

        await tmux.SendKeyAsync(pane, "Enter", cancellationToken);
    }

    private static string Normalise(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
