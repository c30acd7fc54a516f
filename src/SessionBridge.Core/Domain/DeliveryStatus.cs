using System.Text.Json.Serialization;

namespace SessionBridge.Domain;

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

    /// <summary>
    /// Not typed yet: the peer is on a menu or permission prompt, or a human's draft is in its prompt. Kept, and
    /// handed to the peer's model by its own hooks as soon as it can take it (a later status line says how).
    /// </summary>
    [JsonStringEnumMemberName("held")]
    Held,

    /// <summary>
    /// A held message handed to a session as its start context: the model has it only once that session's next
    /// turn carries it (then <see cref="Submitted"/>). Held again if the session ends first.
    /// </summary>
    [JsonStringEnumMemberName("handed_over")]
    HandedOver,

    /// <summary>Not typed: the pane cannot take keys now.</summary>
    [JsonStringEnumMemberName("not_delivered")]
    NotDelivered,

    /// <summary>Not typed: the pane runs something other than Claude Code (a REPL, an editor, a shell).</summary>
    [JsonStringEnumMemberName("not_claude")]
    NotClaude,

    /// <summary>Not typed: the sender has sent this peer its limit of messages in the last 60 s (the loop brake).</summary>
    [JsonStringEnumMemberName("refused_rate")]
    RefusedRate,

    /// <summary>Only in logs written before held delivery: a draft now holds the message (<see cref="Held"/>).</summary>
    [JsonStringEnumMemberName("refused_draft")]
    RefusedDraft,

    /// <summary>Only in logs written before held delivery: a menu now holds the message (<see cref="Held"/>).</summary>
    [JsonStringEnumMemberName("refused_menu")]
    RefusedMenu,
}
