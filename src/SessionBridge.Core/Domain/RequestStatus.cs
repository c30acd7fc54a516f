using System.Text.Json.Serialization;

namespace SessionBridge.Domain;

/// <summary>Where a supervised peer's permission request stands. It leaves <see cref="Pending"/> exactly once.</summary>
internal enum RequestStatus
{
    /// <summary>The dialog is on the peer's screen and its hook waits for a decision.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>The supervisor (or a person with the command line) decided it through the hook.</summary>
    [JsonStringEnumMemberName("decided")]
    Decided,

    /// <summary>Answered on the peer's screen first (its next hook event came, or the dialog was gone: an Escape).</summary>
    [JsonStringEnumMemberName("answered_on_screen")]
    AnsweredOnScreen,

    /// <summary>Nobody decided within the wait, or the waiting hook was killed.</summary>
    [JsonStringEnumMemberName("timed_out")]
    TimedOut,
}
