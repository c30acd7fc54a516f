namespace SessionBridge.State.Nats;

/// <summary>Why a call to the NATS server failed, as far as the client's exceptions tell.</summary>
internal enum NatsFailureKind
{
    /// <summary>No answer: the server is down, away, or the network between is.</summary>
    Unreachable,

    /// <summary>The server refused the credentials, or the user's rights to the team's subjects.</summary>
    Refused,

    /// <summary>The TLS handshake failed: a certificate not trusted, or a server without TLS.</summary>
    Untrusted,
}
