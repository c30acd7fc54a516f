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
            return new BoardSnapshot(now, directory, false, [], [], []);

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
            thread = bridge.Reading.History(BoardLimits.MessageWindow).Messages;
        }
        catch (SessionBridgeException e)
        {
            problems.Add(Advice(e));
        }

        IReadOnlyList<HeldMessage> held = new HeldQueue(StateStore.Open(bridge.Options.State, bridge.Options.StateLockTimeout, _clock, bridge.Options.GetVariable, bridge.Options.Remote)).All();
        var peers = await Task.WhenAll(views.Select(view => PeerAsync(view, thread, held, now, problems, cancellationToken)));
        _since.KeepOnly(views.Select(v => v.Role));
        return new BoardSnapshot(now, directory, true, peers, thread.TakeLast(Math.Max(0, recent)).ToList(), problems);
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
        var (source, since, answer) = Origin(view, now);
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
            Unread(view.Role, problems),
            mine.Count,
            thread.LastOrDefault(m => m.From == view.Role || m.To == view.Role),
            Preview(answer),
            view.Problem
        )
        {
            HeldMessages = mine,
            Host = view.Host,
            Supervisor = view.Supervisor,
            Request = Pending(view.Role),
        };
    }

    private PendingRequestView? Pending(string role)
    {
        try
        {
            return bridge.Screens.PendingRequest(role);
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
    private (StateSource Source, DateTimeOffset Since, string? LastAnswer) Origin(PeerView view, DateTimeOffset now)
    {
        string? answer = null;
        try
        {
            answer = view.Alive ? bridge.Screens.LastAnswer(view.Role).Text : null;
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

    private int Unread(string role, List<string> problems)
    {
        try
        {
            return bridge.Reading.Inbox(role, Limits.MinMessages, unreadOnly: true).Unread ?? 0;
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
