namespace SessionBridge.Bridge.Remote;

/// <summary>What one host asks another to do to a pane of its own: the last part of the request's subject.</summary>
internal static class HostOperation
{
    /// <summary>Type a message (send's typing, with all its checks).</summary>
    public const string Type = "type";

    /// <summary>read_peer.</summary>
    public const string Read = "read";

    /// <summary>detect_question.</summary>
    public const string Detect = "detect";

    /// <summary>respond.</summary>
    public const string Respond = "respond";

    /// <summary>wait_for on the peer's state (idle, question, any).</summary>
    public const string Wait = "wait";

    /// <summary>The peer as list_peers shows it.</summary>
    public const string View = "view";
}
