namespace SessionBridge.State;

/// <summary>Who supervises whom, keyed by the supervised role.</summary>
internal interface ISupervisionStore
{
    /// <summary>Whether anyone may supervise anyone: cheap, for the hook's every event (true may be a false alarm).</summary>
    bool Any();

    SupervisorEntry? Find(RoleName role);

    IReadOnlyList<SupervisorEntry> All();

    /// <summary>
    /// Makes <paramref name="supervisor"/> the supervisor of every role given, told <paramref name="notify"/> (null: the
    /// default); returns the entries it replaced.
    /// </summary>
    IReadOnlyList<SupervisorEntry> Set(
        RoleName supervisor,
        IReadOnlyList<RoleName> roles,
        DateTimeOffset now,
        IReadOnlyList<SupervisionNotice>? notify = null
    );

    /// <summary>Ends the supervision of the roles given (only where <paramref name="supervisor"/> is theirs, when named); returns the entries removed.</summary>
    IReadOnlyList<SupervisorEntry> Stop(IReadOnlyList<RoleName> roles, RoleName? supervisor);

    /// <summary>
    /// Claims the ended notice of <paramref name="role"/>'s session registered at <paramref name="session"/>, atomically:
    /// returns the entry to tell only to the first caller, and only when its supervisor asked for ended.
    /// </summary>
    SupervisorEntry? ClaimEnded(RoleName role, DateTimeOffset session);
}
