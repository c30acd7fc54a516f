namespace SessionBridge.Server.Cli.Board;

/// <summary>
/// Turns successive snapshots into alerts, each change once: a peer that comes to wait alerts when the board
/// first sees that wait (a new state, or the same state begun again), not on every refresh while it lasts;
/// a held message alerts once, when it has been held <paramref name="heldAfter"/>. A peer already waiting when
/// the board starts alerts on the first snapshot: whoever starts the board wants to know.
/// </summary>
internal sealed class BoardAlerts(TimeSpan heldAfter)
{
    private readonly Dictionary<string, (string Pane, ListedState State, DateTimeOffset Since)> _waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);

    public IReadOnlyList<BoardAlert> Next(BoardSnapshot snapshot)
    {
        var alerts = new List<BoardAlert>();
        foreach (var peer in snapshot.Peers)
        {
            if (!peer.IsWaiting)
            {
                _waiting.Remove(peer.Role);
            }
            else if (!_waiting.TryGetValue(peer.Role, out var seen) || seen != (peer.Pane, peer.State, peer.StateSince))
            {
                _waiting[peer.Role] = (peer.Pane, peer.State, peer.StateSince);
                alerts.Add(new BoardAlert(AlertKind.Waiting, peer.Role, peer.Pane, peer.State, peer.Question ?? peer.Heading, Supervisor: peer.Supervisor));
            }

            foreach (var message in peer.HeldMessages)
            {
                if (snapshot.TakenAt - message.Since >= heldAfter && _held.Add(message.Id))
                    alerts.Add(new BoardAlert(AlertKind.Held, peer.Role, peer.Pane, peer.State, null, message.Id));
            }
        }

        // A role that left and comes back waiting alerts again; a registry that could not be read is no leaving.
        if (snapshot.Problems.Count > 0 && snapshot.Peers.Count == 0)
            return alerts;
        var roles = snapshot.Peers.Select(p => p.Role).ToHashSet(StringComparer.Ordinal);
        foreach (var role in _waiting.Keys.Where(r => !roles.Contains(r)).ToList())
            _waiting.Remove(role);
        return alerts;
    }
}
