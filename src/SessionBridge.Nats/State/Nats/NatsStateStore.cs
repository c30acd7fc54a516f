namespace SessionBridge.State.Nats;

/// <summary>The team's shared state on NATS JetStream (<see cref="NatsSettings"/>): one bucket or stream per kind of state.</summary>
internal static class NatsStateStore
{
    public static StateStore Open(StateDirectory directory, NatsSettings settings, TimeSpan lockTimeout, TimeProvider clock)
    {
        var team = NatsTeam.For(settings);
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
            (pane, mailbox) => NatsStateWatch.For(team, directory, pane, mailbox),
            new NatsHostLink(team)
        );
    }
}
