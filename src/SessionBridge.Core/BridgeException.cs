namespace SessionBridge;

/// <summary>
/// The caller's mistake (an invalid role, an unregistered target, a word passed as a key…). The message
/// is written for the model that made the call: it says what to do instead. Nothing was changed.
/// </summary>
internal sealed class BridgeException(string message) : Exception(message);
