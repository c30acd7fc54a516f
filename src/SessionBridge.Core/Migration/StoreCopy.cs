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
    public static IReadOnlyList<string> Holdings(StateStore store)
    {
        var holdings = new List<string>();
        void Add(int count, string noun)
        {
            if (count > 0)
                holdings.Add($"{count:N0} {noun}{(count == 1 ? "" : "s")}");
        }

        Add(store.Registry.All().Count, "registration");
        Add(store.Prompts.All().Count, "prompt");
        Add(store.Sessions.All().Count, "role session");
        Add(store.Supervision.All().Count, "supervised role");
        Add(store.Requests.All().Count, "permission request");
        if (store.Messages.ConversationLength > 0)
            holdings.Add("a conversation");
        Add(store.Held.Roles().Count, "role with held messages");
        return holdings;
    }

    public CopyCounts Copy()
    {
        var registrations = from.Registry.All();
        foreach (var registration in registrations)
            to.Registry.Save(registration);

        var prompts = from.Prompts.All();
        foreach (var prompt in prompts)
            to.Prompts.Save(prompt);

        var sessions = from.Sessions.All();
        foreach (var session in sessions)
            to.Sessions.Save(session);

        var supervised = from.Supervision.All();
        foreach (var entry in supervised)
        {
            // Set makes the entry as it was made (since then, told what); the ended notice already told is claimed again.
            to.Supervision.Set(RoleName.Trusted(entry.Supervisor), [RoleName.Trusted(entry.Role)], entry.Since, entry.Notify);
            if (entry.EndedTold is { } told)
                to.Supervision.ClaimEnded(RoleName.Trusted(entry.Role), told);
        }

        var requests = CopyRequests();
        var (messages, statusLines, alreadyThere, recipients) = CopyLines();
        var readMarks = CopyReadMarks(recipients.Concat(registrations.Select(r => r.Role)));
        var held = CopyHeld();
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

    private int CopyRequests()
    {
        var requests = from.Requests.All();
        if (requests.Count == 0)
            return 0;

        // Created "as of" the oldest request: none of those copied is old enough to be swept on the way in.
        var asOf = requests.Min(r => r.CreatedAt);
        foreach (var request in requests)
        {
            if (to.Requests.Find(request.Id) is null)
                to.Requests.Create(request, asOf);
            else
                to.Requests.Update(request.Id, _ => request);
        }

        return requests.Count;
    }

    // A line is the same line when its id, kind, status and time are: a message and the status lines about it share the id.
    private static (string Id, string? Kind, DeliveryStatus? Status, DateTimeOffset Ts) Key(LogLine line) => (line.Id, line.Kind, line.Status, line.Ts);

    private (int Messages, int StatusLines, int AlreadyThere, IReadOnlyCollection<string> Recipients) CopyLines()
    {
        var present = to.Messages.ConversationLength > 0 ? to.Messages.Lines().Select(Key).ToHashSet() : [];
        int messages = 0,
            statusLines = 0,
            alreadyThere = 0;
        var recipients = new HashSet<string>(StringComparer.Ordinal);

        // Consecutive lines to one role go under one hold of its mailbox lock: each line is appended as written, to
        // the conversation and that mailbox, as the sender's own process appended it.
        var batch = new List<LogLine>();
        void Flush()
        {
            if (batch.Count == 0)
                return;
            var lines = batch.ToArray();
            batch.Clear();
            to.Messages.UnderMailboxLock(
                RoleName.Trusted(lines[0].To),
                write =>
                {
                    foreach (var line in lines)
                        write(line);
                    return lines.Length;
                }
            );
        }

        foreach (var line in from.Messages.Lines())
        {
            recipients.Add(line.To);
            if (present.Contains(Key(line)))
            {
                alreadyThere++;
                continue;
            }

            if (batch.Count > 0 && (batch[0].To != line.To || batch.Count >= 256))
                Flush();
            batch.Add(line);
            if (line.IsStatus)
                statusLines++;
            else
                messages++;
        }

        Flush();
        return (messages, statusLines, alreadyThere, recipients);
    }

    // How far back in a mailbox a read mark's message is looked for: a mark is almost always near the end.
    private const int MarkWindow = 100_000;

    private int CopyReadMarks(IEnumerable<string> roles)
    {
        var count = 0;
        foreach (var name in roles.Distinct(StringComparer.Ordinal).Where(RoleName.IsValid))
        {
            var role = RoleName.Trusted(name);
            if (from.Messages.LastReadId(role) is not { } id)
                continue;

            // The mark names a message of the role's mailbox, as it now is in the destination.
            var newest = to.Messages.Find(role, id, MarkWindow) ?? new MessageRecord(id, DateTimeOffset.MinValue, "", name, "", false, false);
            to.Messages.MarkRead(role, newest);
            count++;
        }

        return count;
    }

    private int CopyHeld()
    {
        var count = 0;
        foreach (var role in from.Held.Roles())
        {
            var messages = from.Held.Read(role);
            // Held messages change only under the role's mailbox lock, in every store: the copy too.
            to.Messages.UnderMailboxLock(
                role,
                _ =>
                {
                    to.Held.Write(role, messages);
                    return true;
                }
            );
            count += messages.Count;
        }

        return count;
    }
}
