namespace SessionBridge.State;

/// <summary>The permission requests of supervised peers, pending or ended (kept a day).</summary>
internal interface IRequestStore
{
    /// <summary>Whether any request exists: cheap, for the hook's every event (true may be a false alarm).</summary>
    Task<bool> AnyAsync(CancellationToken cancellationToken);

    Task<PermissionRequestRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every request kept, oldest first.</summary>
    Task<IReadOnlyList<PermissionRequestRecord>> AllAsync(CancellationToken cancellationToken);

    /// <summary>Writes a new request, and forgets ended ones older than a day.</summary>
    Task CreateAsync(PermissionRequestRecord request, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the request atomically: it returns the new record, or null to leave it.
    /// Returns what is stored afterwards; null when there is no such request. <paramref name="change"/> may run more
    /// than once (the NATS store retries a compare-and-set lost to another process): whatever it records must be set
    /// on every run, from the record it is given.
    /// </summary>
    Task<PermissionRequestRecord?> UpdateAsync(
        string id,
        Func<PermissionRequestRecord, PermissionRequestRecord?> change,
        CancellationToken cancellationToken
    );
}
