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

    /// <summary>
    /// Left running: its prompt held a person's unsent draft, or a menu was open, and <c>/exit</c> typed there would
    /// have been sent with the draft or picked an option. <c>--force</c> kills the pane instead.
    /// </summary>
    [JsonStringEnumMemberName("kept")]
    Kept,

    /// <summary>No such role is registered.</summary>
    [JsonStringEnumMemberName("not_registered")]
    NotRegistered,
}
