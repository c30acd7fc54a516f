using SessionBridge.Bridge.Panes;
using SessionBridge.Bridge.Remote;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>
/// The use cases behind the tools and the command line, built once over one state directory and one set of
/// timings. Each tool or command calls one of them; each holds the logic for its own tools. It opens the store, so
/// it closes it: whoever makes the use cases (the server's services, a command) disposes them.
/// </summary>
internal sealed class UseCases : IAsyncDisposable
{
    public UseCases(BridgeOptions options, TimeProvider? clock = null)
    {
        // The one place the product takes the system clock: everything below reads time from here.
        clock ??= TimeProvider.System;
        Clock = clock;
        Options = options;
        var state = StateStore.Open(options.State, options.StateLockTimeout, clock, options.GetVariable, options.Remote);
        var peers = new PeerDirectory(state);
        var targeting = new PaneTargeting(
            options,
            async (peer, status, cancellationToken) =>
            {
                // Telling the supervisor must not fail the look that found the pane lost.
                try
                {
                    await Supervision.PeerNotices.OnPaneLostAsync(state, peer, status, clock.GetUtcNow(), cancellationToken);
                }
                catch (StateException e)
                {
                    options.Warn?.Invoke($"Could not tell {peer.Role}'s supervisor that its pane is lost: {e.Message}");
                }
            }
        );
        var reader = new PeerStateReader(options, clock);
        var typing = new PaneTyping(options, targeting, new ClaudeCodeCheck(options), clock);
        var local = new LocalPanes(
            options,
            state,
            targeting,
            reader,
            typing,
            new PaneAnswering(options, state, targeting, clock),
            new PaneWatching(options, state, targeting, reader, clock),
            clock
        );
        var panes = new PeerPanes(state, local, new RemotePanes(options, state, clock));
        State = state;
        Panes = panes;
        Roster = new Roster(options, state, panes, clock);
        Screens = new PeerScreens(peers, reader, panes);
        Menus = new MenuAnswering(peers, panes);
        Sending = new MessageSending(options, state, peers, panes, clock);
        Held = new HeldDelivery(options, state, typing, clock);
        Reading = new MessageReading(options, state);
        Waiting = new PeerWaiting(options, state, peers, panes, clock);
        Briefings = new Briefings(options, state, clock);
        Supervising = new Supervising(options, state, clock);
    }

    public BridgeOptions Options { get; }

    /// <summary>The store every use case here works on (its hosts: what the host agent answers for).</summary>
    public StateStore State { get; }

    /// <summary>The peers' panes, this host's or another's (the host agent answers other hosts with this host's own).</summary>
    public PeerPanes Panes { get; }

    /// <summary>The clock every use case reads (a fake one in specs).</summary>
    public TimeProvider Clock { get; }

    /// <summary>register, list_peers.</summary>
    public Roster Roster { get; }

    /// <summary>read_peer, detect_question.</summary>
    public PeerScreens Screens { get; }

    /// <summary>respond.</summary>
    public MenuAnswering Menus { get; }

    /// <summary>send, broadcast.</summary>
    public MessageSending Sending { get; }

    /// <summary>deliver-held: typing held messages once a peer's prompt is free.</summary>
    public HeldDelivery Held { get; }

    /// <summary>history, inbox, threads, tail.</summary>
    public MessageReading Reading { get; }

    /// <summary>wait_for.</summary>
    public PeerWaiting Waiting { get; }

    /// <summary>set_prompt, get_prompt, list_prompts, delete_prompt.</summary>
    public Briefings Briefings { get; }

    /// <summary>supervise: who supervises whom (the command line and the team file call <see cref="Supervising.SetAsync"/>).</summary>
    public Supervising Supervising { get; }

    /// <summary>Closes the store (its NATS connection, when it has one).</summary>
    public ValueTask DisposeAsync() => State.DisposeAsync();
}
