namespace SessionBridge.Server.Cli.Board;

/// <summary>
/// Since when each role has held its state, as far as this board has seen: the first snapshot showing a state
/// (or a new pane) starts its clock. Used where the hook has not said when the state began.
/// </summary>
internal sealed class StateClock
{
    private readonly Dictionary<string, (string Pane, ListedState State, DateTimeOffset Since)> _seen = new(StringComparer.Ordinal);

    public DateTimeOffset Since(string role, string pane, ListedState state, DateTimeOffset now)
    {
        if (_seen.TryGetValue(role, out var seen) && seen.Pane == pane && seen.State == state)
            return seen.Since;
        _seen[role] = (pane, state, now);
        return now;
    }

    /// <summary>Forgets roles no longer registered, so one that comes back starts afresh.</summary>
    public void KeepOnly(IEnumerable<string> roles)
    {
        var keep = roles.ToHashSet(StringComparer.Ordinal);
        foreach (var role in _seen.Keys.Where(r => !keep.Contains(r)).ToList())
            _seen.Remove(role);
    }
}
