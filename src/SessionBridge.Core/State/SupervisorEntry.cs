namespace SessionBridge.State;

/// <summary>One supervised role: who supervises it, since when.</summary>
internal sealed record SupervisorEntry(string Role, string Supervisor, DateTimeOffset Since);
