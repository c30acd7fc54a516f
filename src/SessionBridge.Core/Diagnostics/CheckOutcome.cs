using System.Text.Json.Serialization;

namespace SessionBridge.Diagnostics;

/// <summary>What one doctor check found; <c>doctor --json</c> writes it as <c>outcome</c>, lower case like every wire name.</summary>
internal enum CheckOutcome
{
    [JsonStringEnumMemberName("ok")]
    Ok,

    [JsonStringEnumMemberName("warning")]
    Warning,

    [JsonStringEnumMemberName("failed")]
    Failed,
}
