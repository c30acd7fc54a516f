using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace SessionBridge.State.Nats;

/// <summary>
/// The team stream <c>sb_&lt;team&gt;_messages</c>: every log line (a message or a status line) is one publish on
/// <c>sb.&lt;team&gt;.msg.&lt;recipient&gt;</c>, so the conversation is the stream in stream order and a role's mailbox is
/// the stream filtered on its subject. Each publish carries an id of its line (Nats-Msg-Id): within the duplicate
/// window a publish retried after a reconnect is stored once. Reads go backwards from the end in windows of
/// sequences, so they cost what they return, not the stream's size.
/// </summary>
internal sealed class NatsMessageStream(NatsTeam team)
{
    /// <summary>Long enough for any retry of a publish (a call gives up after 5 s; a person retrying takes longer).</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(10);

    // A window of the whole stream fetches every message in it: kept to what one read can hold.
    private const int MaxConversationWindow = 4_096;

    // A mailbox's window counts sequences the server skips, not messages fetched: it may grow far.
    private const ulong MaxMailboxWindow = 1UL << 20;

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    private static readonly INatsSerializer<byte[]> Raw = NatsRawSerializer<byte[]>.Default;

    public string Name { get; } = team.Name("messages");

    public string MailboxSubject(RoleName role) => team.Subject("msg", role.Value);

    /// <summary>Makes the stream if it is not there yet (once per connection, so per process, when it works; tried again when it did not).</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (team.HasStream(Name))
            return;
        await team.CallAsync(
            $"opening the stream {Name}",
            async token =>
            {
                await team.JetStream.CreateOrUpdateStreamAsync(
                    new StreamConfig(Name, [team.Subject("msg", ">")])
                    {
                        Storage = StreamConfigStorage.File,
                        Retention = StreamConfigRetention.Limits,
                        Discard = StreamConfigDiscard.Old,
                        DuplicateWindow = DuplicateWindow,
                        AllowDirect = true,
                    },
                    token
                );
            },
            cancellationToken
        );
        team.FoundStream(Name);
    }

    /// <summary>The most a line may take, in bytes, as the server says (its max_payload, headers included).</summary>
    public async Task<long> MaxPayloadAsync(CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        return team.Connection.ServerInfo?.MaxPayload is { } max and > 0 ? max : 1024 * 1024;
    }

    /// <summary>
    /// Publishes <paramref name="line"/> on <paramref name="role"/>'s mailbox subject with <paramref name="lineId"/>,
    /// retrying within the call's time while the server is away: the same id is stored once.
    /// </summary>
    /// <exception cref="StateException">The line was not stored (the server away for the whole call, or refusing it).</exception>
    public async Task<ulong> PublishAsync(RoleName role, LogLine line, string lineId, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var data = JsonSerializer.SerializeToUtf8Bytes(line, StateJsonContext.Files.LogLine);
        var subject = MailboxSubject(role);
        return await team.CallAsync(
            $"logging message {line.Id} to {role}'s mailbox",
            async token =>
            {
                while (true)
                {
                    // One attempt gets a second: a request sent just before the connection dropped never hears back,
                    // and waiting out the whole call for it would fail a publish the server, once back, takes at once.
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                    attempt.CancelAfter(AttemptTimeout);
                    NatsResult<PubAckResponse> result;
                    try
                    {
                        result = await team.JetStream.TryPublishAsync(
                            subject,
                            data,
                            Raw,
                            new NatsJSPubOpts { MsgId = lineId, RetryAttempts = 1 },
                            cancellationToken: attempt.Token
                        );
                    }
                    catch (OperationCanceledException) when (!token.IsCancellationRequested)
                    {
                        continue;
                    }

                    if (result.Success)
                        return result.Value.Seq;
                    if (result.Error is NatsJSApiException refused)
                    {
                        throw new StateException(
                            $"The team's stream {Name} at {team.Settings.Describe()} refused message {line.Id}: "
                                + $"{refused.Error.Description}. It was not logged.",
                            StateOrigin.Nats(Name)
                        );
                    }

                    // No answer (the server restarting, the connection coming back): the same id again is stored once.
                    await Task.Delay(TimeSpan.FromMilliseconds(100), token);
                }
            },
            cancellationToken
        );
    }

    /// <summary>The last sequence in the stream (0 when empty): where the conversation ends now.</summary>
    public async Task<ulong> LastSequenceAsync(CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        return await team.CallAsync($"reading the stream {Name}", async token => (await Info(token)).LastSeq, cancellationToken);
    }

    /// <summary>
    /// Lines after <paramref name="position"/>, oldest first, at most <paramref name="max"/>, with the sequence of the
    /// last one returned (or <paramref name="position"/> when none).
    /// </summary>
    public async Task<(IReadOnlyList<LogLine> Lines, ulong Position)> ForwardAsync(ulong position, int max, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        return await team.CallAsync(
            $"reading the stream {Name}",
            async token =>
            {
                var state = await Info(token);
                if (state.LastSeq <= position)
                    return ((IReadOnlyList<LogLine>)[], position);
                var from = Math.Max(position + 1, state.FirstSeq);
                var to = Math.Min(state.LastSeq, from + (ulong)max - 1);
                var read = await RangeAsync(null, from, to, token);
                return (read.Select(r => r.Line).ToList(), to);
            },
            cancellationToken
        );
    }

    /// <summary>
    /// The lines of the conversation (<paramref name="role"/> null) or of a mailbox, newest first, read in windows
    /// from the end: the first window holds <paramref name="firstWindow"/> sequences, each next one twice as many.
    /// </summary>
    public async IAsyncEnumerable<LogLine> BackwardsAsync(
        RoleName? role,
        int firstWindow,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        await EnsureAsync(cancellationToken);
        var subject = role is { } r ? MailboxSubject(r) : null;
        var (first, last) = await team.CallAsync($"reading the stream {Name}", token => Bounds(subject, token), cancellationToken);
        if (last == 0 || last < first)
            yield break;

        var size = (ulong)Math.Max(firstWindow, 1);
        var hi = last;
        while (true)
        {
            var lo = hi - first + 1 > size ? hi - size + 1 : first;
            var (from, to) = (lo, hi);
            var window = await team.CallAsync($"reading the stream {Name}", token => RangeAsync(subject, from, to, token), cancellationToken);
            for (var i = window.Count - 1; i >= 0; i--)
                yield return window[i].Line;
            if (lo <= first)
                yield break;
            hi = lo - 1;
            size = Math.Min(size * 2, subject is null ? MaxConversationWindow : MaxMailboxWindow);
        }
    }

    private async ValueTask<StreamState> Info(CancellationToken token) =>
        (await team.JetStream.GetStreamAsync(Name, cancellationToken: token)).Info.State;

    /// <summary>The first sequence to read and the last: for a mailbox, its newest line (found directly), so a quiet role costs no scan of the rest.</summary>
    private async ValueTask<(ulong First, ulong Last)> Bounds(string? subject, CancellationToken token)
    {
        var stream = await team.JetStream.GetStreamAsync(Name, cancellationToken: token);
        var state = stream.Info.State;
        if (subject is null || state.LastSeq == 0)
            return (state.FirstSeq, state.LastSeq);
        try
        {
            var newest = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = subject }, token);
            return (state.FirstSeq, newest.Message.Seq);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            return (state.FirstSeq, 0);
        }
    }

    /// <summary>The lines with sequences <paramref name="from"/> to <paramref name="to"/> (on <paramref name="subject"/> when given), oldest first.</summary>
    private async ValueTask<IReadOnlyList<(ulong Seq, LogLine Line)>> RangeAsync(string? subject, ulong from, ulong to, CancellationToken token)
    {
        var config = new ConsumerConfig
        {
            Name = "read" + Nuid.NewNuid(),
            AckPolicy = ConsumerConfigAckPolicy.None,
            DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartSequence,
            OptStartSeq = from,
            MemStorage = true,
            NumReplicas = 1,
            InactiveThreshold = TimeSpan.FromSeconds(30),
        };
        if (subject is not null)
            config.FilterSubject = subject;
        var consumer = await team.JetStream.CreateOrUpdateConsumerAsync(Name, config, token);
        var lines = new List<(ulong, LogLine)>();
        try
        {
            var remaining = (long)(to - from + 1);
            while (remaining > 0)
            {
                var fetched = 0;
                var done = false;
                var batch = (int)Math.Min(remaining, 1_024);
                await foreach (var msg in consumer.FetchNoWaitAsync(new NatsJSFetchOpts { MaxMsgs = batch }, Raw, token))
                {
                    fetched++;
                    if (msg.Metadata is not { } metadata)
                        continue;
                    var seq = metadata.Sequence.Stream;
                    if (seq > to)
                    {
                        done = true;
                        break;
                    }

                    if (Parse(msg.Data) is { } line)
                        lines.Add((seq, line));
                    if (seq == to || metadata.NumPending == 0)
                    {
                        done = true;
                        break;
                    }
                }

                if (done || fetched == 0)
                    break;
                remaining -= fetched;
            }
        }
        finally
        {
            // The consumer goes by itself after its inactive threshold; deleting it now (not waited for) keeps the server tidy.
            _ = DeleteQuietlyAsync(config.Name);
        }

        return lines;
    }

    private async Task DeleteQuietlyAsync(string consumer)
    {
        try
        {
            using var timeout = new CancellationTokenSource(NatsTeam.CallTimeout);
            await team.JetStream.DeleteConsumerAsync(Name, consumer, timeout.Token);
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException)
        {
            // Best effort: the server removes it after the threshold.
        }
    }

    private static LogLine? Parse(byte[]? data)
    {
        if (data is null || data.Length == 0)
            return null;
        try
        {
            return JsonSerializer.Deserialize(data, StateJsonContext.Files.LogLine);
        }
        catch (JsonException)
        {
            // A line that is not ours (or torn by hand) is skipped, as in a file.
            return null;
        }
    }
}
