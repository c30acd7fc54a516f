namespace SessionBridge.State.Nats;

/// <summary>
/// The team bucket "supervision": one key per supervised role (so a role has one supervisor at most), every change a
/// compare-and-set on the key's revision, so <see cref="ClaimEndedAsync"/> is won once across every process of every host.
/// Each role is changed on its own: a <see cref="SetAsync"/> of several roles is several writes, each whole.
/// <see cref="AnyAsync"/> answers from this machine's hint file (<see cref="NatsHints"/>): the hook asks it on every event.
/// </summary>
internal sealed class NatsSupervisionBook(NatsTeam team, StateDirectory directory) : ISupervisionStore
{
    /// <summary>The bucket's name within the team (sb_&lt;team&gt;_supervision): the host agent watches it to keep other hosts' hints.</summary>
    public const string BucketName = "supervision";

    private readonly NatsBucket<SupervisorEntry> _bucket = new(
        team,
        BucketName,
        StateJsonContext.Files.SupervisorEntry,
        "who supervises which role"
    );

    /// <summary>Whether anyone may supervise anyone: one stat of the local hint, no network.</summary>
    public Task<bool> AnyAsync(CancellationToken cancellationToken) => Task.FromResult(NatsHints.Exists(directory, NatsHints.Supervision));

    public Task<SupervisorEntry?> FindAsync(RoleName role, CancellationToken cancellationToken) => _bucket.FindAsync(role.Value, cancellationToken);

    /// <summary>Every supervised role, in name order; finding none clears this machine's hint.</summary>
    public async Task<IReadOnlyList<SupervisorEntry>> AllAsync(CancellationToken cancellationToken)
    {
        var all = await _bucket.AllAsync(cancellationToken);
        if (all.Count == 0)
            await NatsHints.ClearUnlessFoundAsync(directory, NatsHints.Supervision, async () => (all = await _bucket.AllAsync(cancellationToken)).Count > 0);

        return [.. all.OrderBy(e => e.Role, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<SupervisorEntry>> SetAsync(
        RoleName supervisor,
        IReadOnlyList<RoleName> roles,
        DateTimeOffset now,
        IReadOnlyList<SupervisionNotice>? notify,
        CancellationToken cancellationToken
    )
    {
        var replaced = new List<SupervisorEntry>();
        foreach (var role in roles)
        {
            var old = await _bucket.ChangeAsync(
                role.Value,
                old =>
                    (
                        NatsEdit<SupervisorEntry>.Put(
                            old?.Supervisor == supervisor.Value
                                ? old with { Notify = notify ?? old.Notify }
                                : new SupervisorEntry(role.Value, supervisor.Value, now, notify)
                        ),
                        old
                    ),
                cancellationToken
            );
            if (old is not null && old.Supervisor != supervisor.Value)
                replaced.Add(old);
        }

        // After the writes: see AllAsync for why the order matters.
        if (roles.Count > 0)
            NatsHints.Set(directory, NatsHints.Supervision);
        return replaced;
    }

    public async Task<IReadOnlyList<SupervisorEntry>> StopAsync(IReadOnlyList<RoleName> roles, RoleName? supervisor, CancellationToken cancellationToken)
    {
        var removed = new List<SupervisorEntry>();
        foreach (var role in roles)
        {
            var old = await _bucket.ChangeAsync(
                role.Value,
                old =>
                    old is not null && (supervisor is null || old.Supervisor == supervisor.Value.Value)
                        ? (NatsEdit<SupervisorEntry>.Remove, old)
                        : (NatsEdit<SupervisorEntry>.Keep, null),
                cancellationToken
            );
            if (old is not null)
                removed.Add(old);
        }

        // The last supervision ended: let the hook stop asking (AllAsync clears the hint when it finds none).
        if (removed.Count > 0)
            _ = await AllAsync(cancellationToken);
        return removed;
    }

    /// <summary>
    /// Claims the ended notice of <paramref name="role"/>'s session registered at <paramref name="session"/> by
    /// compare-and-set: of every process racing on every host, one writes <see cref="SupervisorEntry.EndedTold"/>
    /// first and is given the entry; the others read it back already told.
    /// </summary>
    public Task<SupervisorEntry?> ClaimEndedAsync(RoleName role, DateTimeOffset session, CancellationToken cancellationToken) =>
        _bucket.ChangeAsync(
            role.Value,
            entry =>
                entry is null || !entry.Notices.Contains(SupervisionNotice.Ended) || entry.EndedTold == session
                    ? (NatsEdit<SupervisorEntry>.Keep, null)
                    : (NatsEdit<SupervisorEntry>.Put(entry with { EndedTold = session }), entry),
            cancellationToken
        );
}
