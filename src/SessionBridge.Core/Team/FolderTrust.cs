using SessionBridge.Screens;
using SessionBridge.Tmux;

namespace SessionBridge.Team;

/// <summary>
/// Claude Code's folder-trust dialog ("Quick safety check: Is this a project you created or one you trust?",
/// options "No, exit" and "Yes, I trust this folder", the folder on the line under "Accessing workspace:").
/// <c>up --trust</c> answers it with "Yes", and only in the team's folders; Claude Code's own files are never edited.
/// The options are not numbered and the cursor starts on "No, exit" (2.1.331): see <see cref="AnswerYesAsync"/>.
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

    /// <summary>
    /// Answers the dialog "Yes, I trust this folder", found by its label with the menu reading respond uses. Keys
    /// pressed while Claude Code is still setting the dialog up are lost (measured on 2.1.331: a Down sent as the
    /// dialog first showed was dropped and the Enter after it chose "No, exit"), so nothing is pressed until the
    /// same dialog shows on two reads in a row, each arrow is pressed on its own and read back, and Enter is
    /// pressed only while the cursor reads Yes. True once Enter was pressed on Yes and the dialog closed; false
    /// when the cursor could not be put on Yes, or the dialog stayed, within the bound.
    /// </summary>
    public static async Task<bool> AnswerYesAsync(TmuxClient tmux, string pane, TimeProvider clock, CancellationToken cancellationToken)
    {
        // A bound on a hang (a dialog that never takes a key), not a timing: a look every 100 ms for 15 s; a key
        // gets ten looks to show on screen before it is pressed again.
        const int Looks = 150;
        const int KeyShows = 10;
        var look = TimeSpan.FromMilliseconds(100);
        var previous = "";
        var pressedOn = "";
        var pressedAt = -KeyShows;
        var pressedEnter = false;
        for (var i = 0; i < Looks; i++)
        {
            if (i > 0)
                await Task.Delay(look, clock, cancellationToken);
            string screen;
            try
            {
                screen = await tmux.CaptureAsync(pane, 0, cancellationToken);
            }
            catch (TmuxException)
            {
                return false;
            }

            var reading = ScreenClassifier.Classify(screen);
            if (Read(reading, screen) is null)
                return pressedEnter;
            var whole = screen == previous;
            previous = screen;
            if (!whole || (screen == pressedOn && i - pressedAt < KeyShows))
                continue;

            var yes = MenuChoice.Find(reading, YesLabel);
            // Enter only while the cursor reads Yes; else one arrow toward it, read back before anything else.
            var key = reading.SelectedOption?.Label == yes.Label ? "Enter" : MenuChoice.KeysTo(reading, yes)[0].Value;
            if (key == "Enter" && reading.SelectedOption?.Label != yes.Label)
                continue;
            await tmux.SendKeyAsync(pane, key, cancellationToken);
            pressedEnter |= key == "Enter";
            pressedOn = screen;
            pressedAt = i;
        }

        return false;
    }

    private static string Normalise(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
