using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Bridge;

/// <summary>
/// gestor and dev as Claude Code runs them: each a session in its own pane with its own server, each registered
/// from that pane, so each signs as its own role.
/// </summary>
internal sealed class TwoSessions : IAsyncDisposable
{
    private TwoSessions(InProcessServer gestor, InProcessServer dev)
    {
        Gestor = gestor;
        Dev = dev;
    }

    public InProcessServer Gestor { get; }

    public InProcessServer Dev { get; }

    public static async Task<TwoSessions> StartAsync(PrivateTmuxServer tmux, string stateDirectory)
    {
        var (devPane, _) = await tmux.StartRecorderAsync();
        var (gestorPane, _) = await tmux.StartRecorderAsync();
        var gestor = await InProcessServer.StartAsync(TestBridge.Options(stateDirectory, tmux, gestorPane));
        var dev = await InProcessServer.StartAsync(TestBridge.Options(stateDirectory, tmux, devPane));
        (await dev.CallAsync("register", new() { ["role"] = "dev" })).IsError.Should().NotBe(true);
        (await gestor.CallAsync("register", new() { ["role"] = "gestor" })).IsError.Should().NotBe(true);
        return new TwoSessions(gestor, dev);
    }

    public async ValueTask DisposeAsync()
    {
        await Gestor.DisposeAsync();
        await Dev.DisposeAsync();
    }
}
