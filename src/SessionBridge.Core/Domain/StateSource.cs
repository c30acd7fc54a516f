using System.Text.Json.Serialization;

namespace SessionBridge.Domain;

/// <summary>What decided a peer's state: its Claude Code's own hooks (presence), or a read of its screen.</summary>
internal enum StateSource
{
    [JsonStringEnumMemberName("hook")]
    Hook,

    [JsonStringEnumMemberName("screen")]
    Screen,
}
