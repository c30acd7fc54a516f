namespace SessionBridge.State.Nats;

/// <summary>
/// A failed call to the NATS server, classified in this one place for the store and the doctor alike. The client
/// wraps the server's words in connection errors, so the classification reads the chain of exceptions.
/// </summary>
/// <param name="Why">The words of the exception that decided the kind, for the message.</param>
internal sealed record NatsFailure(NatsFailureKind Kind, string Why)
{
    public static NatsFailure Classify(Exception e)
    {
        // A TLS handshake that failed: the client says "TLS ...", over an AuthenticationException of the runtime.
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Security.Authentication.AuthenticationException || inner.Message.Contains("TLS", StringComparison.Ordinal))
                return new NatsFailure(NatsFailureKind.Untrusted, inner.Message.Trim());
        }

        // The server's own words for credentials it does not take ("Authorization Violation", "Authentication Timeout",
        // "User Authentication Expired") or a user it does not let at the team's subjects ("Permissions Violation").
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (
                inner.Message.Contains("authoriz", StringComparison.OrdinalIgnoreCase)
                || inner.Message.Contains("authentic", StringComparison.OrdinalIgnoreCase)
                || inner.Message.Contains("permissions violation", StringComparison.OrdinalIgnoreCase)
            )
                return new NatsFailure(NatsFailureKind.Refused, inner.Message.Trim().Trim('\''));
        }

        return new NatsFailure(NatsFailureKind.Unreachable, e.Message);
    }
}
