namespace SessionBridge.State;

/// <summary>Who supervises whom, keyed by the supervised role.</summary>
internal interface ISupervisionStore
{
    /// <summary>Whether anyone may supervise anyone: cheap, for the hook's every event (true may be a false alarm).</summary>
    Task<bool> AnyAsync(CancellationToken cancellationToken);

    Task<SupervisorEntry?> FindAsync(RoleName role, CancellationToken cancellationToken);

    Task<IReadOnlyList<SupervisorEntry>> AllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="supervisor"/> the supervisor of every role given, told <paramref name="notify"/> (null: the
    /// default); returns the entries it replaced.
    /// </summary>
    Task<IReadOnlyList<SupervisorEntry>> SetAsync(
        RoleName supervisor,
        IReadOnlyList<RoleName> roles,
        DateTimeOffset now,
        IReadOnlyList<SupervisionNotice>? notify,
        CancellationToken cancellationToken
    );

    /// <summary>Ends the supervision of the roles given (only where <paramref name="supervisor"/> is theirs, when named); returns the entries removed.</summary>
    Task<IReadOnlyList<SupervisorEntry>> StopAsync(IReadOnlyList<RoleName> roles, RoleName? supervisor, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the ended notice of <paramref name="role"/>'s session registered at <paramref name="session"/>, atomically:
    /// returns the entry to tell only to the first caller, and only when its supervisor asked for ended.
    /// </summary>
    Task<SupervisorEntry?> ClaimEndedAsync(RoleName role, DateTimeOffset session, CancellationToken cancellationToken);
}
