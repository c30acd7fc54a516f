using SessionBridge.Tmux;

namespace SessionBridge.Team;

/// <summary>A role's pane as <see cref="GatedPane"/> made it, and the tmux channel its gate waits on.</summary>
internal sealed record GatedTeamPane(TeamPane Pane, string Gate);
