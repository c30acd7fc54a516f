using System.Text;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;

namespace SessionBridge.State.Nats;

/// <summary>
/// A role's mailbox lock across hosts: the key <c>&lt;role&gt;</c> in the team bucket <c>locks</c>, taken with a
/// create (refused while the key exists) and released by deleting it at the revision it was taken at. The bucket
/// ages every key out after <see cref="MaxAge"/>, so a holder that died frees the lock by itself; a holder still
/// working rewrites its key every <see cref="Refresh"/> so the lock never ages out under it.
/// </summary>
internal sealed class NatsMailboxLock : IAsyncDisposable
{
    /// <summary>Far above any step under the lock (a few store calls of at most 5 s each).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);

    private static readonly INatsSerializer<byte[]> Raw = NatsRawSerializer<byte[]>.Default;

    private readonly NatsTeam _team;
    private readonly string _key;
    private readonly byte[] _holder;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _keeping;
    private ulong _revision;
    private bool _released;

    private NatsMailboxLock(NatsTeam team, string key, byte[] holder, ulong revision)
    {
        _team = team;
        _key = key;
        _holder = holder;
        _revision = revision;
        _keeping = KeepAliveAsync(_stop.Token);
    }

    public static Task<INatsKVStore> BucketAsync(NatsTeam team, CancellationToken cancellationToken) =>
        team.BucketAsync("locks", config => config with { MaxAge = MaxAge }, cancellationToken);

    /// <summary>Takes <paramref name="role"/>'s mailbox lock, waiting for another holder at most <paramref name="timeout"/>.</summary>
    /// <exception cref="StateException">Another holder kept it longer than <paramref name="timeout"/>, or the store is unreachable.</exception>
    public static async Task<NatsMailboxLock> AcquireAsync(
        NatsTeam team,
        RoleName role,
        TimeSpan timeout,
        TimeProvider clock,
        CancellationToken cancellationToken
    )
    {
        var key = role.Value;
        var holder = Encoding.UTF8.GetBytes($"{team.Settings.Host} {Environment.ProcessId}");
        var started = clock.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var revision = await team.CallAsync(
                $"taking {role}'s mailbox lock",
                async token =>
                {
                    var bucket = await BucketAsync(team, token);
                    var created = await bucket.TryCreateAsync(key, holder, Raw, token);
                    if (created.Success)
                        return created.Value;
                    if (created.Error is NatsKVCreateException or NatsKVWrongLastRevisionException)
                        return 0UL;
                    throw created.Error;
                },
                cancellationToken
            );
            if (revision > 0)
                return new NatsMailboxLock(team, key, holder, revision);
            if (clock.GetElapsedTime(started) >= timeout)
            {
                throw new StateException(
                    $"{role}'s mailbox lock in {team.Name("locks")} at {team.Settings.Describe()} was held by another process "
                        + $"for more than {timeout.TotalSeconds:0} s. A holder that died frees it within {MaxAge.TotalSeconds:0} s; try again then.",
                    StateOrigin.Nats(team.Name("locks"))
                );
            }

            await Task.Delay(pause, clock, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 200));
        }
    }

    /// <summary>Rewrites the key every <see cref="Refresh"/> until released, so the lock never ages out under its holder.</summary>
    private async Task KeepAliveAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Refresh);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    // Not cancelled by the release: a rewrite that lands must be known, or the release would miss it.
                    _revision = await _team.CallAsync(
                        $"keeping the mailbox lock {_key}",
                        async token => await (await BucketAsync(_team, token)).UpdateAsync(_key, _holder, _revision, Raw, token),
                        CancellationToken.None
                    );
                }
                catch (Exception e) when (e is StateException or NatsKVException)
                {
                    // Tried again at the next tick; the lock lasts MaxAge from its last write.
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Released.
        }
    }

    /// <summary>Releases the lock if it is still ours (deleting at our revision); one that aged out is left alone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_released)
            return;
        _released = true;
        await _stop.CancelAsync();
        await _keeping;
        _stop.Dispose();
        try
        {
            await _team.CallAsync(
                $"releasing the mailbox lock {_key}",
                async token => await (await BucketAsync(_team, token)).DeleteAsync(_key, new NatsKVDeleteOpts { Revision = _revision }, token),
                CancellationToken.None
            );
        }
        catch (Exception e) when (e is StateException or NatsKVException)
        {
            // Taken over after ageing out, or the store is away: either way the bucket frees it within MaxAge.
        }
    }
}
