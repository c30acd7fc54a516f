using SessionBridge.Bridge;
using SessionBridge.Bridge.Results;
using SessionBridge.Errors;
using SessionBridge.Held;
using SessionBridge.Screens;
using SessionBridge.State;

namespace SessionBridge.Server.Cli.Board;

/// <summary>
/// Builds the board's snapshots from the use cases: list_peers for the rows, detect_question for a peer that
/// waits, the inboxes for unread counts, the end of the thread for last messages and recent lines. One
/// builder per board: it remembers since when each state holds. Knows nothing of how the board is drawn.
/// </summary>
internal sealed class BoardBuilder(UseCases bridge, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? bridge.Clock;
    private readonly StateClock _since = new();

    /// <param name="recent">How many of the newest messages to keep in <see cref="BoardSnapshot.Recent"/>.</param>
    public async Task<BoardSnapshot> BuildAsync(int recent, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var directory = bridge.Options.State.Root;
        if (!Directory.Exists(directory))
            return new BoardSnapshot(now, directory, false, [], [], []) { Team = bridge.State.Directory.Team };

        var problems = new List<string>();
        IReadOnlyList<PeerView> views = [];
        try
        {
            views = (await bridge.Roster.ListPeersAsync(cancellationToken)).Peers;
        }
        catch (SessionBridgeException e)
        {
            problems.Add(Advice(e));
        }

        IReadOnlyList<MessageRecord> thread = [];
        try
        {
            thread = (await bridge.Reading.HistoryAsync(BoardLimits.MessageWindow, null, cancellationToken)).Messages;
        }
        catch (SessionBridgeException e)
        {
            problems.Add(Advice(e));
        }

        // The use cases' own store: one connection for the board's whole life, not one per look.
        IReadOnlyList<HeldMessage> held = await new HeldQueue(bridge.State).AllAsync(cancellationToken);
        var peers = await Task.WhenAll(views.Select(view => PeerAsync(view, thread, held, now, problems, cancellationToken)));
        _since.KeepOnly(views.Select(v => v.Role));
        return new BoardSnapshot(now, directory, true, peers, thread.TakeLast(Math.Max(0, recent)).ToList(), problems)
        {
            Team = bridge.State.Directory.Team,
        };
    }

    private async Task<BoardPeer> PeerAsync(
        PeerView view,
        IReadOnlyList<MessageRecord> thread,
        IReadOnlyList<HeldMessage> held,
        DateTimeOffset now,
        List<string> problems,
        CancellationToken cancellationToken
    )
    {
        var (source, since, answer) = await OriginAsync(view, now, cancellationToken);
        var (heading, question, options) = view.State.IsWaiting()
            ? await QuestionAsync(view, cancellationToken)
            : (null, null, null);
        var mine = held.Where(m => m.To == view.Role).ToList();
        return new BoardPeer(
            view.Role,
            view.Pane,
            view.Status,
            view.State,
            source,
            since,
            heading,
            question,
            options,
            await UnreadAsync(view.Role, problems, cancellationToken),
            mine.Count,
            thread.LastOrDefault(m => m.From == view.Role || m.To == view.Role),
            Preview(answer),
            view.Problem
        )
        {
            HeldMessages = mine,
            Host = view.Host,
            Team = view.Team,
            Supervisor = view.Supervisor,
            Request = await PendingAsync(view.Role, cancellationToken),
        };
    }

    private async Task<PendingRequestView?> PendingAsync(string role, CancellationToken cancellationToken)
    {
        try
        {
            return await bridge.Screens.PendingRequestAsync(role, cancellationToken);
        }
        catch (SessionBridgeException)
        {
            return null; // the board shows what it can; the request stays for the next refresh
        }
    }

    /// <summary>
    /// Where the state came from, since when, and the peer's last answer. The hook knows when its state began;
    /// a screen has no past, so a state read from it is timed from when this board first saw it.
    /// </summary>
    private async Task<(StateSource Source, DateTimeOffset Since, string? LastAnswer)> OriginAsync(
        PeerView view,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        string? answer = null;
        try
        {
            answer = view.Alive ? (await bridge.Screens.LastAnswerAsync(view.Role, cancellationToken)).Text : null;
        }
        catch (SessionBridgeException)
        {
            // Unregistered meanwhile: the next refresh shows it gone.
        }

        DateTimeOffset seen;
        lock (_since)
            seen = _since.Since(view.Role, view.Pane, view.State, now);
        return view.StateSource == StateSource.Hook && view.StateSince is { } since
            ? (StateSource.Hook, since, answer)
            : (StateSource.Screen, seen, answer);
    }

    /// <summary>A second read of a waiting peer's screen, for its question; a pane that went meanwhile has none.</summary>
    private async Task<(string? Heading, string? Question, IReadOnlyList<MenuOption>? Options)> QuestionAsync(
        PeerView view,
        CancellationToken cancellationToken
    )
    {
        try
        {
            var detected = await bridge.Screens.DetectQuestionAsync(view.Role, null, cancellationToken);
            // A menu says its question in its heading line; a question in prose has no heading.
            return (detected.Heading, detected.Question ?? detected.Heading, detected.Options);
        }
        catch (SessionBridgeException)
        {
            // The pane changed between the two reads: the next refresh shows what it is now.
            return (null, null, null);
        }
    }

    private static bool Given(MessageRecord message) =>
        message.Delivered || message.Status is DeliveryStatus.HandedOver or DeliveryStatus.Held;

    private async Task<int> UnreadAsync(string role, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            // Unread is what the role was not given: a message typed into its prompt or handed over as context is
            // its model's already, and a held one has its own column.
            return (await bridge.Reading.InboxAsync(role, Limits.MaxMessages, true, false, cancellationToken)).Messages.Count(m => !Given(m));
        }
        catch (SessionBridgeException e)
        {
            lock (problems)
                problems.Add(Advice(e));
            return 0;
        }
    }

    private string Advice(SessionBridgeException e) =>
        e.MessageFor(bridge.Options.Words) + " Run `session-bridge doctor` to check the whole setup.";

    private static string? Preview(string? answer)
    {
        if (answer is null || answer.Length <= BoardLimits.AnswerPreview)
            return answer;
        var keep = BoardLimits.AnswerPreview;
        // Never half of a surrogate pair.
        if (char.IsHighSurrogate(answer[keep - 1]))
            keep--;
        return string.Concat(answer.AsSpan(0, keep), "…");
    }
}
