using System.Text.Json.Serialization;

namespace SessionBridge.Team;

/// <summary>What <c>session-bridge down</c> did for a role.</summary>
internal enum StopAction
{
    /// <summary>Claude Code took <c>/exit</c> and exited.</summary>
    [JsonStringEnumMemberName("exited")]
    Exited,

    /// <summary>Claude Code did not exit in time: its pane was killed.</summary>
    [JsonStringEnumMemberName("killed")]
    Killed,

    /// <summary>Nothing was running in the role's pane any more.</summary>
    [JsonStringEnumMemberName("not_running")]
    NotRunning,

    /// <summary>No such role is registered.</summary>
    [JsonStringEnumMemberName("not_registered")]
    NotRegistered,
}
