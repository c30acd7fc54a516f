namespace SessionBridge.State;

/// <summary>
/// The hosts of a team across machines: asking the host a pane belongs to to act on it (request and reply, one
/// server of that host answers), answering for this host's panes, each host's heartbeat, and the watches that tell
/// this host what other hosts wrote. Only the shared store on NATS has one: on the file store every pane is local.
/// </summary>
internal interface IHostLink
{
    /// <summary>This machine's name in the team.</summary>
    string Host { get; }

    /// <summary>
    /// Asks <paramref name="host"/>'s servers to do <paramref name="operation"/>; one of them answers. A host with no
    /// server listening, or none answering within <paramref name="timeout"/>, is a reply with a problem, never an exception.
    /// </summary>
    Task<HostReply> RequestAsync(string host, string operation, byte[] payload, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// Answers this host's requests with <paramref name="answer"/> (given the operation and its payload) until cancelled;
    /// while the store cannot be reached, tries again.
    /// </summary>
    Task ServeAsync(Func<string, byte[], CancellationToken, Task<byte[]>> answer, CancellationToken cancellationToken);

    /// <summary>Records that this host has a live server at <paramref name="now"/>.</summary>
    Task BeatAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>When <paramref name="host"/> last said it had a live server; null when it never did.</summary>
    Task<DateTimeOffset?> LastBeatAsync(string host, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="written"/> with a bucket's name each time an entry is written to one of
    /// <paramref name="buckets"/> (those already there first), until cancelled; a bucket not made yet is looked for again.
    /// </summary>
    Task WatchAsync(IReadOnlyList<string> buckets, Action<string> written, CancellationToken cancellationToken);

    /// <summary>
    /// The buckets whose entries this host's hooks must not miss (held messages, supervision, permission requests):
    /// the host agent watches them and mirrors each write into <see cref="Hint"/>.
    /// </summary>
    IReadOnlyList<string> HookBuckets { get; }

    /// <summary>The buckets whose writes change what the board shows (registrations, presence, held, supervision, requests).</summary>
    IReadOnlyList<string> TeamBuckets { get; }

    /// <summary>
    /// Records in <paramref name="directory"/> that <paramref name="bucket"/> (one of <see cref="HookBuckets"/>) may
    /// have an entry, where this host's hooks look before asking the store.
    /// </summary>
    /// <exception cref="StateException">The hint cannot be written: the hooks would miss the entry.</exception>
    void Hint(StateDirectory directory, string bucket);

    /// <summary>
    /// Publishes this host's panes' presence (the files its hooks write in <paramref name="directory"/>, as they are)
    /// for the other hosts, in the bucket <c>presence</c>: each file when it changes, and every file again on each
    /// <paramref name="sweep"/>, until cancelled.
    /// </summary>
    Task PublishPresenceAsync(StateDirectory directory, TimeSpan sweep, CancellationToken cancellationToken);
}
