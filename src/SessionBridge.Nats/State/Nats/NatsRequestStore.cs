namespace SessionBridge.State.Nats;

/// <summary>
/// The team bucket "requests": one key per permission request (its id: letters and digits, a valid key), every
/// change a compare-and-set on its revision, so a request leaves pending once however many deciders race on however
/// many hosts. Ended requests stay a day (<see cref="RequestStore.Keep"/>), as in the requests/ folder.
/// <see cref="Any"/> answers from this machine's hint file (<see cref="NatsHints"/>): the hook asks it on every event.
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
    public bool Any() => NatsHints.Exists(directory, NatsHints.Requests);

    public PermissionRequestRecord? Find(string id) => RequestStore.IsValidId(id) ? _bucket.Find(id) : null;

    /// <summary>Every request kept, oldest first; finding none clears this machine's hint.</summary>
    public IReadOnlyList<PermissionRequestRecord> All()
    {
        var all = _bucket.All();
        if (all.Count == 0)
            NatsHints.ClearUnlessFound(directory, NatsHints.Requests, () => (all = _bucket.All()).Count > 0);

        return [.. all.OrderBy(r => r.CreatedAt)];
    }

    /// <summary>Writes a new request, and forgets ended ones older than <see cref="RequestStore.Keep"/>.</summary>
    /// <exception cref="StateException">The id is not one of ours (letters and digits, 64 at most).</exception>
    public void Create(PermissionRequestRecord request, DateTimeOffset now)
    {
        if (!RequestStore.IsValidId(request.Id))
            throw new StateException($"\"{request.Id}\" is not a request id (1 to 64 letters and digits).", _bucket.FullName);
        var forgotten = 0;
        foreach (var old in _bucket.All().Where(r => !r.IsPending && r.EndedAt is { } ended && now - ended > RequestStore.Keep))
        {
            forgotten++;
            // Only while it is still that ended request: a compare-and-set like every change.
            _bucket.Change(
                old.Id,
                current => (current is { IsPending: false, EndedAt: { } ended } && now - ended > RequestStore.Keep ? NatsEdit<PermissionRequestRecord>.Remove : NatsEdit<PermissionRequestRecord>.Keep, true)
            );
        }

        // Ids are never used again, so the markers of requests forgotten at earlier sweeps can go too.
        if (forgotten > 0)
            _bucket.ForgetDeleted(TimeSpan.FromHours(1));

        _bucket.Put(request.Id, request);
        NatsHints.Set(directory, NatsHints.Requests);
    }

    /// <summary>
    /// Applies <paramref name="change"/> by compare-and-set on the request's revision: when another process changed it
    /// in between, <paramref name="change"/> runs again on what that process wrote (so it must only compute). Returns
    /// what is stored afterwards; null when there is no such request.
    /// </summary>
    public PermissionRequestRecord? Update(string id, Func<PermissionRequestRecord, PermissionRequestRecord?> change) =>
        !RequestStore.IsValidId(id)
            ? null
            : _bucket.Change(
                id,
                current =>
                    current is null ? (NatsEdit<PermissionRequestRecord>.Keep, null)
                    : change(current) is { } changed ? (NatsEdit<PermissionRequestRecord>.Put(changed), changed)
                    : (NatsEdit<PermissionRequestRecord>.Keep, current)
            );
}
