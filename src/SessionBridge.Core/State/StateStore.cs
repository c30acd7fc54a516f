namespace SessionBridge.State;

/// <summary>The state directory and everything in it, shared by the server, the hook and the CLI.</summary>
/// <param name="clock">What "now" is when a read decides by age (a held message given up after a day).</param>
internal sealed class StateStore
{
    public StateStore(StateDirectory directory, TimeSpan lockTimeout, TimeProvider clock)
    {
        Directory = directory;
        Registry = new Registry(directory, lockTimeout);
        Prompts = new PromptBook(directory, lockTimeout);
        Messages = new MessageLog(directory, lockTimeout, clock);
        Sessions = new RoleSessions(directory, lockTimeout);
        Supervision = new SupervisionBook(directory, lockTimeout);
        Requests = new RequestStore(directory, lockTimeout);
    }

    public StateDirectory Directory { get; }

    public Registry Registry { get; }

    public PromptBook Prompts { get; }

    public MessageLog Messages { get; }

    public RoleSessions Sessions { get; }

    public SupervisionBook Supervision { get; }

    public RequestStore Requests { get; }
}
