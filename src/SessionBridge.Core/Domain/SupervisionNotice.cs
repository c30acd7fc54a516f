using System.Text.Json.Serialization;

namespace SessionBridge.Domain;

/// <summary>What a supervisor asks to be told about a supervised role. By default questions and ended.</summary>
internal enum SupervisionNotice
{
    /// <summary>The role waits on a permission dialog or a question (its PermissionRequest hook).</summary>
    [JsonStringEnumMemberName("questions")]
    Questions,

    /// <summary>The role finished a turn (its Stop hook), with the start of its answer.</summary>
    [JsonStringEnumMemberName("done")]
    Done,

    /// <summary>The role's session ended (SessionEnd) or its turn failed (StopFailure).</summary>
    [JsonStringEnumMemberName("ended")]
    Ended,
}
