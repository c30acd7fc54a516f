using SessionBridge.State;

namespace SessionBridge.Tests.Hook;

/// <summary>
/// What the presence hook specs share: a state directory, a folder for the hook's runs in real panes, and a
/// reader that collects its warnings.
/// </summary>
public abstract class PresenceHookRig(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    /// <summary>The private tmux server the panes run in.</summary>
    protected PrivateTmuxServer Tmux { get; } = tmux;

    protected TempDirectory StateDir { get; } = new("state");

    protected TempDirectory Files { get; } = new("hookrun");

    protected List<string> Warnings { get; } = [];

    private protected PresenceStore Store => new(new StateDirectory(StateDir.Path), Warnings.Add);

    private protected async Task<HookInPane> PaneAsync() => await HookInPane.StartAsync(Tmux, StateDir.Path, Files);

    private protected async Task<Presence?> ReadAsync(HookInPane pane) => Store.Read(await pane.IdentityAsync());

    public void Dispose()
    {
        StateDir.Dispose();
        Files.Dispose();
        GC.SuppressFinalize(this);
    }
}
