namespace SessionBridge.State;

/// <summary>
/// supervision.json: who supervises whom. Keyed by the supervised role, so a role has one supervisor at most and a
/// new one replaces the old in the same write.
/// </summary>
internal sealed class SupervisionBook(StateDirectory directory, TimeSpan lockTimeout) : ISupervisionStore
{
    private readonly JsonDocumentFile<SupervisionFile> _file = new(
        directory.SupervisionPath,
        () => StateJsonContext.Files.SupervisionFile,
        () => new SupervisionFile(),
        lockTimeout,
        "who supervises which role"
    );

    /// <summary>Whether anyone supervises anyone: one stat, for the hook's every event.</summary>
    public Task<bool> AnyAsync(CancellationToken cancellationToken) => Task.FromResult(File.Exists(_file.Path));

    public Task<SupervisorEntry?> FindAsync(RoleName role, CancellationToken cancellationToken) =>
        Task.FromResult(_file.Read().Roles.TryGetValue(role.Value, out var entry) ? entry : null);

    public Task<IReadOnlyList<SupervisorEntry>> AllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SupervisorEntry>>([.. _file.Read().Roles.Values.OrderBy(e => e.Role, StringComparer.Ordinal)]);

    /// <summary>
    /// Makes <paramref name="supervisor"/> the supervisor of every role given, told <paramref name="notify"/> (null: the
    /// default); returns the entries it replaced.
    /// </summary>
    public Task<IReadOnlyList<SupervisorEntry>> SetAsync(
        RoleName supervisor,
        IReadOnlyList<RoleName> roles,
        DateTimeOffset now,
        IReadOnlyList<SupervisionNotice>? notify,
        CancellationToken cancellationToken
    ) =>
        _file.UpdateAsync<IReadOnlyList<SupervisorEntry>>(
            file =>
        {
            var replaced = new List<SupervisorEntry>();
            foreach (var role in roles)
            {
                if (file.Roles.TryGetValue(role.Value, out var old) && old.Supervisor != supervisor.Value)
                    replaced.Add(old);
                file.Roles[role.Value] = old?.Supervisor == supervisor.Value
                    ? old with { Notify = notify ?? old.Notify }
                    : new SupervisorEntry(role.Value, supervisor.Value, now, notify);
            }

            return (file, replaced);
        },
            cancellationToken
        );

    /// <summary>
    /// Ends the supervision of the roles given (only where <paramref name="supervisor"/> is theirs, when it is named);
    /// returns the entries it removed.
    /// </summary>
    public Task<IReadOnlyList<SupervisorEntry>> StopAsync(IReadOnlyList<RoleName> roles, RoleName? supervisor, CancellationToken cancellationToken) =>
        _file.UpdateAsync<IReadOnlyList<SupervisorEntry>>(
            file =>
        {
            var removed = new List<SupervisorEntry>();
            foreach (var role in roles)
            {
                if (
                    file.Roles.TryGetValue(role.Value, out var old)
                    && (supervisor is null || old.Supervisor == supervisor.Value.Value)
                )
                {
                    file.Roles.Remove(role.Value);
                    removed.Add(old);
                }
            }

            return (file, removed);
        },
            cancellationToken
        );

    /// <summary>
    /// Claims the ended notice of <paramref name="role"/>'s session registered at <paramref name="session"/>, under the
    /// file's lock: returns the entry to tell only to the first caller, and only when its supervisor asked for ended.
    /// </summary>
    public Task<SupervisorEntry?> ClaimEndedAsync(RoleName role, DateTimeOffset session, CancellationToken cancellationToken) =>
        _file.UpdateAsync(
            file =>
        {
            if (
                !file.Roles.TryGetValue(role.Value, out var entry)
                || !entry.Notices.Contains(SupervisionNotice.Ended)
                || entry.EndedTold == session
            )
                return (file, (SupervisorEntry?)null);
            file.Roles[role.Value] = entry with { EndedTold = session };
            return (file, (SupervisorEntry?)entry);
        },
            cancellationToken
        );
}
