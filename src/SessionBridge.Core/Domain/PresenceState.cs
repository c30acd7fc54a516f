using System.Text.Json.Serialization;

namespace SessionBridge.Domain;

/// <summary>What a pane's Claude Code is doing, as its own hooks last reported it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PresenceState>))]
internal enum PresenceState
{
    /// <summary>A turn is running: a prompt was taken, or a tool started or finished.</summary>
    [JsonStringEnumMemberName("busy")]
    Busy,

    /// <summary>At its prompt: the turn ended, or the session (re)started.</summary>
    [JsonStringEnumMemberName("idle")]
    Idle,

    /// <summary>An AskUserQuestion menu is on screen.</summary>
    [JsonStringEnumMemberName("waiting_question")]
    WaitingQuestion,

    /// <summary>A permission dialog is on screen.</summary>
    [JsonStringEnumMemberName("waiting_permission")]
    WaitingPermission,

    /// <summary>The session ended (exit, /clear's old session, logout).</summary>
    [JsonStringEnumMemberName("ended")]
    Ended,
}
