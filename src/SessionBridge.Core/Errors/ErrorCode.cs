using System.Text.Json.Serialization;

namespace SessionBridge.Errors;

/// <summary>What kind of failure an error is; the CLI's <c>--json</c> errors carry its wire name as <c>code</c>.</summary>
internal enum ErrorCode
{
    /// <summary>An argument is missing, malformed or out of range.</summary>
    [JsonStringEnumMemberName("invalid_argument")]
    InvalidArgument,

    /// <summary>The role named is not registered.</summary>
    [JsonStringEnumMemberName("not_registered")]
    NotRegistered,

    /// <summary>There is no pane to act on (not inside tmux, or the pane cannot be used).</summary>
    [JsonStringEnumMemberName("no_pane")]
    NoPane,

    /// <summary>The state directory or one of its files cannot be read or written.</summary>
    [JsonStringEnumMemberName("state")]
    State,

    /// <summary>tmux could not be run or did not answer.</summary>
    [JsonStringEnumMemberName("tmux")]
    Tmux,
}
