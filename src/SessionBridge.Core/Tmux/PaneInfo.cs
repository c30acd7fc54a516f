namespace SessionBridge.Tmux;

/// <summary>What tmux says of a pane right now.</summary>
internal sealed record PaneInfo(
    string PaneId,
    bool Dead,
    int PanePid,
    bool InMode,
    string CurrentCommand,
    int ServerPid,
    string CurrentPath
);
