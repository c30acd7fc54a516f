using System.Text.Json.Serialization;

namespace SessionBridge.Domain;

/// <summary>Whether a registered pane can be typed into now; list_peers shows it as <c>status</c>.</summary>
internal enum PaneStatus
{
    /// <summary>The registered pane, same process, ready for keys.</summary>
    [JsonStringEnumMemberName("alive")]
    Alive,

    /// <summary>The pane (or its tmux server) no longer exists.</summary>
    [JsonStringEnumMemberName("gone")]
    Gone,

    /// <summary>The pane id now belongs to another program: tmux restarted or the pane was replaced.</summary>
    [JsonStringEnumMemberName("stale")]
    Stale,

    /// <summary>The pane's program exited; tmux keeps the pane.</summary>
    [JsonStringEnumMemberName("dead")]
    Dead,

    /// <summary>The pane is in copy mode, which swallows keys.</summary>
    [JsonStringEnumMemberName("copy_mode")]
    CopyMode,

    /// <summary>The pane shows a shell prompt: typed text would run as a command.</summary>
    [JsonStringEnumMemberName("shell")]
    Shell,

    /// <summary>
    /// Ended on purpose by <c>session-bridge down</c>: the pane is gone, the role's state is kept, and the next
    /// <c>session-bridge up</c> resumes its session.
    /// </summary>
    [JsonStringEnumMemberName("stopped")]
    Stopped,

    /// <summary>
    /// The pane belongs to another host, and no session-bridge server answers for that host (none runs there, or
    /// its heartbeat is older than 30 s): nothing can be typed or read there until one does.
    /// </summary>
    [JsonStringEnumMemberName("unreachable")]
    Unreachable,
}

internal static class PaneStatusExtensions
{
    /// <summary>The pane is not the registered program any more: nothing may be typed or read there.</summary>
    public static bool IsLost(this PaneStatus status) => status is PaneStatus.Gone or PaneStatus.Stale or PaneStatus.Dead or PaneStatus.Stopped;
}
