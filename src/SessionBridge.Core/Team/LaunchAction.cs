using System.Text.Json.Serialization;

namespace SessionBridge.Team;

/// <summary>What <c>session-bridge up</c> did for a role.</summary>
internal enum LaunchAction
{
    /// <summary>Started a new Claude Code session (<c>--session-id</c>).</summary>
    [JsonStringEnumMemberName("started")]
    Started,

    /// <summary>Started its recorded session again (<c>--resume</c>): its pane had gone.</summary>
    [JsonStringEnumMemberName("resumed")]
    Resumed,

    /// <summary>Left a live session as it was: same pane, same conversation.</summary>
    [JsonStringEnumMemberName("kept")]
    Kept,

    /// <summary>The session shows a dialog only a person may answer (the question and the way to answer it are given).</summary>
    [JsonStringEnumMemberName("waiting")]
    Waiting,

    /// <summary>Not ready, for the reason given; nothing else was touched for this role.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
