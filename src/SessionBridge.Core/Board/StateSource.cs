using System.Text.Json.Serialization;

namespace SessionBridge.Board;

/// <summary>Where a peer's state came from: its own Claude Code hooks (presence), or a read of its screen.</summary>
internal enum StateSource
{
    [JsonStringEnumMemberName("screen")]
    Screen,

    [JsonStringEnumMemberName("hook")]
    Hook,
}

internal static class StateSourceExtensions
{
    /// <summary>The name the board prints, as the JSON names it.</summary>
    public static string ToWireName(this StateSource source) =>
        source switch
        {
            StateSource.Hook => "hook",
            _ => "screen",
        };
}
