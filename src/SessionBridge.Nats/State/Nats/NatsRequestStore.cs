namespace SessionBridge.State.Nats;

/// <summary>
/// The team bucket "requests": one key per permission request (its id: letters and digits, a valid key), every
/// change a compare-and-set on its revision, so a request leaves pending once however many deciders race on however
/// many hosts. Ended requests stay a day (<see cref="RequestStore.Keep"/>), as in the requests/ folder.
/// <see cref="AnyAsync"/> answers from this machine's hint file (<see cref="NatsHints"/>): the hook asks it on every event.
/// </summary>
internal sealed class NatsRequestStore(NatsTeam team, StateDirectory directory) : IRequestStore
{
    /// <summary>The bucket's name within the team (sb_&lt;team&gt;_requests): the host agent watches it to keep other hosts' hints.</summary>
    public const string BucketName = "requests";

    // An unreadable request reads as none, as a damaged request file does.
    private readonly NatsBucket<PermissionRequestRecord> _bucket = new(
        team,
        BucketName,
        StateJsonContext.Files.PermissionRequestRecord,
        "the permission requests",
        skipUnreadable: true
    );

    /// <summary>Whether any request may exist: one stat of the local hint, no network.</summary>
    public Task<bool> AnyAsync(CancellationToken cancellationToken) => Task.FromResult(NatsHints.Exists(directory, NatsHints.Requests));

    public Task<PermissionRequestRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        RequestStore.IsValidId(id) ? _bucket.FindAsync(id, cancellationToken) : Task.FromResult<PermissionRequestRecord?>(null);

    /// <summary>Every request kept, oldest first; finding none clears this machine's hint.</summary>
    public async Task<IReadOnlyList<PermissionRequestRecord>> AllAsync(CancellationToken cancellationToken)
    {
        var all = await _bucket.AllAsync(cancellationToken);
        if (all.Count == 0)
            await NatsHints.ClearUnlessFoundAsync(directory, NatsHints.Requests, async () => (all = await _bucket.AllAsync(cancellationToken)).Count > 0);

        return [.. all.OrderBy(r => r.CreatedAt)];
    }

    /// <summary>Writes a new request, and forgets ended ones older than <see cref="RequestStore.Keep"/>.</summary>
    /// <exception cref="StateException">The id is not one of ours (letters and digits, 64 at most).</exception>
    public async Task CreateAsync(PermissionRequestRecord request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!RequestStore.IsValidId(request.Id))
            throw new StateException($"\"{request.Id}\" is not a request id (1 to 64 letters and digits).", StateOrigin.Nats(_bucket.FullName));
        var forgotten = 0;
        foreach (var old in (await _bucket.AllAsync(cancellationToken)).Where(r => !r.IsPending && r.EndedAt is { } ended && now - ended > RequestStore.Keep))
        {
            forgotten++;
            // Only while it is still that ended request: a compare-and-set like every change.
            await _bucket.ChangeAsync(
                old.Id,
                current => (current is { IsPending: false, EndedAt: { } ended } && now - ended > RequestStore.Keep ? NatsEdit<PermissionRequestRecord>.Remove : NatsEdit<PermissionRequestRecord>.Keep, true),
                cancellationToken
            );
        }

        // Ids are never used again, so the markers of requests forgotten at earlier sweeps can go too.
        if (forgotten > 0)
            await _bucket.ForgetDeletedAsync(TimeSpan.FromHours(1), cancellationToken);

        await _bucket.PutAsync(request.Id, request, cancellationToken);
        NatsHints.Set(directory, NatsHints.Requests);
    }

    /// <summary>
    /// Applies <paramref name="change"/> by compare-and-set on the request's revision: when another process changed it
    /// in between, <paramref name="change"/> runs again on what that process wrote (so it must only compute). Returns
    /// what is stored afterwards; null when there is no such request.
    /// </summary>
    public Task<PermissionRequestRecord?> UpdateAsync(
        string id,
        Func<PermissionRequestRecord, PermissionRequestRecord?> change,
        CancellationToken cancellationToken
    ) =>
        !RequestStore.IsValidId(id)
            ? Task.FromResult<PermissionRequestRecord?>(null)
            : _bucket.ChangeAsync(
                id,
                current =>
                    current is null ? (NatsEdit<PermissionRequestRecord>.Keep, null)
                    : change(current) is { } changed ? (NatsEdit<PermissionRequestRecord>.Put(changed), changed)
                    : (NatsEdit<PermissionRequestRecord>.Keep, current),
                cancellationToken
            );
}
