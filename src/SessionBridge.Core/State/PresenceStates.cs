namespace SessionBridge.State;

/// <summary>The wire names of <see cref="PresenceState"/>, as its JsonStringEnumMemberName attributes give them.</summary>
internal static class PresenceStates
{
    public static string ToWire(PresenceState state) =>
        state switch
        {
            PresenceState.Busy => "busy",
            PresenceState.Idle => "idle",
            PresenceState.WaitingQuestion => "waiting_question",
            PresenceState.WaitingPermission => "waiting_permission",
            PresenceState.Ended => "ended",
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
        };

    public static PresenceState? FromWire(string? name) =>
        name switch
        {
            "busy" => PresenceState.Busy,
            "idle" => PresenceState.Idle,
            "waiting_question" => PresenceState.WaitingQuestion,
            "waiting_permission" => PresenceState.WaitingPermission,
            "ended" => PresenceState.Ended,
            _ => null,
        };
}
