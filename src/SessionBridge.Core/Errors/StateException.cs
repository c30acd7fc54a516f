namespace SessionBridge.Errors;

/// <summary>State that cannot be read or written. The message names the file and what to do.</summary>
internal sealed class StateException(string message, string path, Exception? inner = null)
    : SessionBridgeException(ErrorCode.State, message, inner)
{
    public string Path { get; } = path;
}
