namespace SessionBridge.State;

/// <summary>Wakes a waiter when a pane's presence or a role's mailbox changes, so waiting never polls.</summary>
internal interface IStateWatch : IDisposable
{
    /// <summary>
    /// Returns true as soon as something watched has changed since the last call returned true, false after
    /// <paramref name="timeout"/> on <paramref name="clock"/>.
    /// </summary>
    Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken);
}
