namespace SessionBridge.Tmux;

/// <summary>
/// A pane of a team's tmux session, as tmux lists it: the role <c>session-bridge up</c> marked it with
/// (a pane option, so a re-run finds it even when the registry does not name it), and whether it runs.
/// </summary>
internal sealed record TeamPane(string Pane, int PanePid, bool Dead, string Role, int ServerPid, string Socket);
