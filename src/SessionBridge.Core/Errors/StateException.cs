namespace SessionBridge.Errors;

/// <summary>State that cannot be read or written. The message says what failed and what to do; <see cref="Origin"/> where.</summary>
internal sealed class StateException(string message, StateOrigin origin, Exception? inner = null)
    : SessionBridgeException(ErrorCode.State, message, inner)
{
    public StateOrigin Origin { get; } = origin;
}
