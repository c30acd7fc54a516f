namespace SessionBridge.State.Nats;

/// <summary>Wakes a waiter on a change to a pane's presence or a role's mailbox, from the team's store.</summary>
internal sealed class NatsStateWatch : IStateWatch
{
    // SKELETON: to be written.
    public static NatsStateWatch For(NatsTeam team, StateDirectory directory, PaneIdentity? pane, RoleName? mailbox) =>
        throw new NotImplementedException();

    public Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
