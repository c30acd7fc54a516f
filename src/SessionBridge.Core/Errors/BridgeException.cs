namespace SessionBridge.Errors;

/// <summary>
/// The caller's mistake (an invalid role, an unregistered target, a word passed as a key…). The message
/// says what to do instead. Nothing was changed.
/// </summary>
internal sealed class BridgeException(string template, ErrorCode code = ErrorCode.InvalidArgument)
    : SessionBridgeException(code, template, null);
