namespace SessionBridge.Server.Cli.Board;

/// <summary>Why the board calls for a person.</summary>
internal enum AlertKind
{
    /// <summary>A peer came to wait on a menu, a permission prompt or a question.</summary>
    Waiting,

    /// <summary>A message to a peer has been held longer than --held-after.</summary>
    Held,
}
