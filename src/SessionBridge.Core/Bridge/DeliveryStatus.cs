using System.Text.Json.Serialization;

namespace SessionBridge.Bridge;

/// <summary>What became of one message, as send returns it and the logs record it.</summary>
internal enum DeliveryStatus
{
    /// <summary>Typed and Enter pressed; a new turn started.</summary>
    [JsonStringEnumMemberName("submitted")]
    Submitted,

    /// <summary>Typed while the peer was busy; Claude Code queued it.</summary>
    [JsonStringEnumMemberName("queued")]
    Queued,

    /// <summary>Typed, but still in the prompt (submit:false, or Enter was lost).</summary>
    [JsonStringEnumMemberName("typed")]
    Typed,

    /// <summary>Typed and Enter pressed, but the pane shows no Claude Code input box to check.</summary>
    [JsonStringEnumMemberName("unverified")]
    Unverified,

    /// <summary>Not typed: the pane cannot take keys now.</summary>
    [JsonStringEnumMemberName("not_delivered")]
    NotDelivered,

    /// <summary>Not typed: the pane runs something other than Claude Code (a REPL, an editor, a shell).</summary>
    [JsonStringEnumMemberName("not_claude")]
    NotClaude,

    /// <summary>Not typed: the sender has sent this peer its limit of messages in the last 60 s (the loop brake).</summary>
    [JsonStringEnumMemberName("refused_rate")]
    RefusedRate,

    /// <summary>Not typed: the peer's prompt holds someone's unsent draft.</summary>
    [JsonStringEnumMemberName("refused_draft")]
    RefusedDraft,

    /// <summary>Not typed: the peer is on a menu, which takes keys, not prose.</summary>
    [JsonStringEnumMemberName("refused_menu")]
    RefusedMenu,
}
