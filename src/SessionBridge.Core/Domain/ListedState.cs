using System.Text.Json.Serialization;

namespace SessionBridge.Domain;

/// <summary>
/// A peer's <c>state</c> as list_peers (and the board) shows it: for a live pane what its screen or its hooks say
/// (<see cref="ScreenState"/>'s names), for a pane that is lost its status (<see cref="PaneStatus"/>'s names).
/// </summary>
internal enum ListedState
{
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    [JsonStringEnumMemberName("busy")]
    Busy,

    [JsonStringEnumMemberName("waiting_select")]
    WaitingSelect,

    [JsonStringEnumMemberName("waiting_text")]
    WaitingText,

    [JsonStringEnumMemberName("idle")]
    Idle,

    /// <summary>The pane (or its tmux server) no longer exists.</summary>
    [JsonStringEnumMemberName("gone")]
    Gone,

    /// <summary>The pane id now belongs to another program.</summary>
    [JsonStringEnumMemberName("stale")]
    Stale,

    /// <summary>The pane's program exited.</summary>
    [JsonStringEnumMemberName("dead")]
    Dead,

    /// <summary>Ended on purpose by <c>session-bridge down</c>: its state waits for the next <c>session-bridge up</c>.</summary>
    [JsonStringEnumMemberName("stopped")]
    Stopped,

    /// <summary>The pane's host has no live session-bridge server to act on it (team across machines).</summary>
    [JsonStringEnumMemberName("unreachable")]
    Unreachable,
}
