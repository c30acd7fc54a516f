using System.Text.Json.Serialization;

namespace SessionBridge.Team;

/// <summary>How <c>session-bridge up</c> lays out a team's panes in its tmux session.</summary>
internal enum TeamLayout
{
    /// <summary>One full-size window per role, so each Claude Code gets the whole terminal.</summary>
    [JsonStringEnumMemberName("windows")]
    Windows,

    /// <summary>Every role's pane in one window, tiled.</summary>
    [JsonStringEnumMemberName("tiled")]
    Tiled,
}
