using SessionBridge.State;

namespace SessionBridge.Migration;

/// <summary>
/// Copies everything a team shares from one store to another (<c>session-bridge migrate</c>: the state directory into
/// the team's NATS buckets and stream, or back), through the stores' own interfaces: registrations, prompts, role
/// sessions, supervision, permission requests, the conversation with every mailbox and status line (ids and order
/// kept), read marks and held messages. Presence, pane locks and the hook's files are not shared: they stay local.
/// Safe to re-run: keyed records are written again as they are, and a line already in the destination is not
/// appended twice.
/// </summary>
internal sealed class StoreCopy(StateStore from, StateStore to)
{
    /// <summary>What <paramref name="store"/> holds, in words ("3 registrations, 120 lines"); empty when it holds nothing.</summary>
    public static async Task<IReadOnlyList<string>> HoldingsAsync(StateStore store, CancellationToken cancellationToken)
    {
        var holdings = new List<string>();
        void Add(int count, string noun)
        {
            if (count > 0)
                holdings.Add($"{count:N0} {noun}{(count == 1 ? "" : "s")}");
        }

        Add((await store.Registry.AllAsync(cancellationToken)).Count, "registration");
        Add((await store.Prompts.AllAsync(cancellationToken)).Count, "prompt");
        Add((await store.Sessions.AllAsync(cancellationToken)).Count, "role session");
        Add((await store.Supervision.AllAsync(cancellationToken)).Count, "supervised role");
        Add((await store.Requests.AllAsync(cancellationToken)).Count, "permission request");
        if (await store.Messages.ConversationLengthAsync(cancellationToken) > 0)
            holdings.Add("a conversation");
        Add((await store.Held.RolesAsync(cancellationToken)).Count, "role with held messages");
        return holdings;
    }

    public async Task<CopyCounts> CopyAsync(CancellationToken cancellationToken)
    {
        var registrations = await from.Registry.AllAsync(cancellationToken);
        foreach (var registration in registrations)
            await to.Registry.SaveAsync(registration, cancellationToken);

        var prompts = await from.Prompts.AllAsync(cancellationToken);
        foreach (var prompt in prompts)
            await to.Prompts.SaveAsync(prompt, cancellationToken);

        var sessions = await from.Sessions.AllAsync(cancellationToken);
        foreach (var session in sessions)
            await to.Sessions.SaveAsync(session, cancellationToken);

        var supervised = await from.Supervision.AllAsync(cancellationToken);
        foreach (var entry in supervised)
        {
            // Set makes the entry as it was made (since then, told what); the ended notice already told is claimed again.
            await to.Supervision.SetAsync(RoleName.Trusted(entry.Supervisor), [RoleName.Trusted(entry.Role)], entry.Since, entry.Notify, cancellationToken);
            if (entry.EndedTold is { } told)
                await to.Supervision.ClaimEndedAsync(RoleName.Trusted(entry.Role), told, cancellationToken);
        }

        var requests = await CopyRequestsAsync(cancellationToken);
        var (messages, statusLines, alreadyThere, recipients) = await CopyLinesAsync(cancellationToken);
        var readMarks = await CopyReadMarksAsync(recipients.Concat(registrations.Select(r => r.Role)), cancellationToken);
        var held = await CopyHeldAsync(cancellationToken);
        return new CopyCounts(
            registrations.Count,
            prompts.Count,
            sessions.Count,
            supervised.Count,
            requests,
            messages,
            statusLines,
            alreadyThere,
            readMarks,
            held
        );
    }

    private async Task<int> CopyRequestsAsync(CancellationToken cancellationToken)
    {
        var requests = await from.Requests.AllAsync(cancellationToken);
        if (requests.Count == 0)
            return 0;

        // Created "as of" the oldest request: none of those copied is old enough to be swept on the way in.
        var asOf = requests.Min(r => r.CreatedAt);
        foreach (var request in requests)
        {
            if (await to.Requests.FindAsync(request.Id, cancellationToken) is null)
                await to.Requests.CreateAsync(request, asOf, cancellationToken);
            else
                await to.Requests.UpdateAsync(request.Id, _ => request, cancellationToken);
        }

        return requests.Count;
    }

    // A line is the same line when its id, kind, status and time are: a message and the status lines about it share the id.
    private static (string Id, string? Kind, DeliveryStatus? Status, DateTimeOffset Ts) Key(LogLine line) => (line.Id, line.Kind, line.Status, line.Ts);

    private async Task<(int Messages, int StatusLines, int AlreadyThere, IReadOnlyCollection<string> Recipients)> CopyLinesAsync(
        CancellationToken cancellationToken
    )
    {
        var present = new HashSet<(string, string?, DeliveryStatus?, DateTimeOffset)>();
        if (await to.Messages.ConversationLengthAsync(cancellationToken) > 0)
        {
            await foreach (var line in to.Messages.LinesAsync(cancellationToken))
                present.Add(Key(line));
        }
        int messages = 0,
            statusLines = 0,
            alreadyThere = 0;
        var recipients = new HashSet<string>(StringComparer.Ordinal);

        // Consecutive lines to one role go under one hold of its mailbox lock: each line is appended as written, to
        // the conversation and that mailbox, as the sender's own process appended it.
        var batch = new List<LogLine>();
        async Task FlushAsync()
        {
            if (batch.Count == 0)
                return;
            var lines = batch.ToArray();
            batch.Clear();
            await to.Messages.UnderMailboxLockAsync(
                RoleName.Trusted(lines[0].To),
                async write =>
                {
                    foreach (var line in lines)
                        await write(line);
                    return lines.Length;
                },
                cancellationToken
            );
        }

        await foreach (var line in from.Messages.LinesAsync(cancellationToken))
        {
            recipients.Add(line.To);
            if (present.Contains(Key(line)))
            {
                alreadyThere++;
                continue;
            }

            if (batch.Count > 0 && (batch[0].To != line.To || batch.Count >= 256))
                await FlushAsync();
            batch.Add(line);
            if (line.IsStatus)
                statusLines++;
            else
                messages++;
        }

        await FlushAsync();
        return (messages, statusLines, alreadyThere, recipients);
    }

    // How far back in a mailbox a read mark's message is looked for: a mark is almost always near the end.
    private const int MarkWindow = 100_000;

    private async Task<int> CopyReadMarksAsync(IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var name in roles.Distinct(StringComparer.Ordinal).Where(RoleName.IsValid))
        {
            var role = RoleName.Trusted(name);
            if (await from.Messages.LastReadIdAsync(role, cancellationToken) is not { } id)
                continue;

            // The mark names a message of the role's mailbox, as it now is in the destination.
            var newest =
                await to.Messages.FindAsync(role, id, MarkWindow, cancellationToken)
                ?? new MessageRecord(id, DateTimeOffset.MinValue, "", name, "", false, false);
            await to.Messages.MarkReadAsync(role, newest, cancellationToken);
            count++;
        }

        return count;
    }

    private async Task<int> CopyHeldAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var role in await from.Held.RolesAsync(cancellationToken))
        {
            var messages = await from.Held.ReadAsync(role, cancellationToken);
            // Held messages change only under the role's mailbox lock, in every store: the copy too.
            await to.Messages.UnderMailboxLockAsync(
                role,
                async _ =>
                {
                    await to.Held.WriteAsync(role, messages, cancellationToken);
                    return true;
                },
                cancellationToken
            );
            count += messages.Count;
        }

        return count;
    }
}
