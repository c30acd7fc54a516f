namespace SessionBridge.State.Nats;

/// <summary>The team's shared state on NATS JetStream (<see cref="NatsSettings"/>): one bucket or stream per kind of state.</summary>
internal static class NatsStateStore
{
    /// <summary>
    /// Opens the store on a connection of its own (made here, connected on first use), which the store closes when it
    /// is disposed: the composition root that opens it owns it.
    /// </summary>
    public static StateStore Open(StateDirectory directory, NatsSettings settings, TimeSpan lockTimeout, TimeProvider clock)
    {
        var team = new NatsTeam(settings);
        return new StateStore(
            directory,
            StateStoreKind.Nats,
            settings.Describe(),
            new NatsRegistry(team),
            new NatsPromptBook(team),
            new NatsMessageLog(team, lockTimeout, clock),
            new NatsHeldStore(team, directory),
            new NatsRoleSessions(team),
            new NatsSupervisionBook(team, directory),
            new NatsRequestStore(team, directory),
            (pane, mailbox, cancellationToken) => NatsStateWatch.ForAsync(team, directory, pane, mailbox, cancellationToken),
            new NatsHostLink(team),
            team
        );
    }
}
