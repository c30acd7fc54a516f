using System.Text.Json;
using SessionBridge.Bridge;
using SessionBridge.Held;
using SessionBridge.State;
using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Hook;

/// <summary>A registered pane running the real hook, a state folder, and held messages put in it.</summary>
public abstract class HeldHookRig(PrivateTmuxServer tmux) : IDisposable
{
    private readonly PrivateTmuxServer _tmux = tmux;

    private protected readonly TempDirectory _state = new("state");
    private protected readonly TempDirectory _files = new("hookrun");

    private protected StateStore Store => new(new StateDirectory(_state.Path), TimeSpan.FromSeconds(10), TimeProvider.System);

    private protected async Task<HookInPane> RegisteredPaneAsync(string role = "dev")
    {
        var pane = await HookInPane.StartAsync(_tmux, _state.Path, _files);
        var identity = await pane.IdentityAsync();
        var store = Store;
        store.Directory.EnsureCreated();
        var now = DateTimeOffset.UtcNow;
        await store.Registry.SaveAsync(new PeerRegistration(role, identity.Pane, identity.Socket, identity.ServerPid, identity.PanePid, null, now, now), TestContext.Current.CancellationToken);
        return pane;
    }

    private protected async Task<MessageRecord> Hold(string text, DateTimeOffset? at = null, string to = "dev")
    {
        var message = new MessageRecord(MessageId.New(), at ?? DateTimeOffset.UtcNow, "gestor", to, text, false, false, "held for the spec", Status: DeliveryStatus.Held, FromVerified: true);
        await new HeldQueue(Store).HoldAsync(message, TestContext.Current.CancellationToken);
        return message;
    }

    private protected static (string Event, string Context)? Context(string stdout)
    {
        if (stdout.Length == 0)
            return null;
        var output = JsonDocument.Parse(stdout).RootElement.GetProperty("hookSpecificOutput");
        return (output.GetProperty("hookEventName").GetString()!, output.GetProperty("additionalContext").GetString()!);
    }

    private protected async Task<MessageRecord> InboxEntry(string id) => (await Store.Messages.InboxAsync(RoleName.Parse("dev"), 100, null, TestContext.Current.CancellationToken)).Records.Single(m => m.Id == id);

    public void Dispose()
    {
        _state.Dispose();
        _files.Dispose();
        GC.SuppressFinalize(this);
    }
}
