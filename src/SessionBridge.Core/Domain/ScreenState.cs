using System.Text.Json.Serialization;

namespace SessionBridge.Domain;

/// <summary>What a peer's screen says it is doing; see <see cref="ScreenClassifier"/>.</summary>
internal enum ScreenState
{
    /// <summary>Not a Claude Code screen we recognise (a shell, another program, an empty pane).</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>Working: a spinner above the input box or "esc to interrupt" in the footer.</summary>
    [JsonStringEnumMemberName("busy")]
    Busy,

    /// <summary>A menu or permission prompt is waiting for a choice.</summary>
    [JsonStringEnumMemberName("waiting_select")]
    WaitingSelect,

    /// <summary>Idle, and the last thing on screen is a question to answer in prose.</summary>
    [JsonStringEnumMemberName("waiting_text")]
    WaitingText,

    /// <summary>Idle at an empty (or drafted) input box.</summary>
    [JsonStringEnumMemberName("idle")]
    Idle,
}
