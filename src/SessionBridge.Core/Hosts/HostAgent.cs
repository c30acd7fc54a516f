using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SessionBridge.Bridge;
using SessionBridge.Bridge.Remote;
using SessionBridge.State;

namespace SessionBridge.Hosts;

/// <summary>
/// What every session-bridge server does for its host when the team's state is shared across machines (the NATS
/// store; nothing on the file store):
/// <list type="bullet">
/// <item>answers the other hosts' requests for the panes of this host (type a message, read_peer, detect_question,
/// respond, wait_for, a peer's listed state) through the same use cases, so the pane's checks are the same as on one
/// host (<see cref="RemotePanes"/> is the asking side, <see cref="Bridge.Panes.LocalPanes"/> the answering one);</item>
/// <item>says the host is up: a heartbeat every <see cref="BeatInterval"/> (a host silent for 30 s is unreachable);</item>
/// <item>publishes this host's panes' presence (the files its hooks write) for the other hosts;</item>
/// <item>mirrors other hosts' held messages, supervisions and permission requests into the local hints the hooks
/// read (<see cref="IHostLink.Hint"/>), so the hooks of this host stay off the network until there is something for them.</item>
/// </list>
/// </summary>
internal sealed class HostAgent(UseCases useCases, Action<string>? warn = null)
{
    /// <summary>How often the host's heartbeat is written: well inside the 30 s after which its roles are unreachable.</summary>
    public static readonly TimeSpan BeatInterval = TimeSpan.FromSeconds(5);

    private readonly StateStore _state = useCases.State;

    /// <summary>Runs until cancelled (the server stops); returns at once on the file store.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_state.Hosts is not { } link)
            return;
        // Answer first: a host is reachable as soon as its heartbeat says so.
        var serving = link.ServeAsync(AnswerAsync, cancellationToken);
        var mirroring = link.WatchAsync(link.HookBuckets, bucket => Mirror(link, bucket), cancellationToken);
        var beating = BeatAsync(link, cancellationToken);
        var presence = link.PublishPresenceAsync(_state.Directory, BeatInterval, cancellationToken);
        await Task.WhenAll(serving, mirroring, beating, presence);
    }

    private async Task BeatAsync(IHostLink link, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(BeatInterval, useCases.Clock);
        do
        {
            try
            {
                await link.BeatAsync(useCases.Clock.GetUtcNow(), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (StateException e)
            {
                // The store is away: the next beat tries again; meanwhile the other hosts see this one as silent.
                warn?.Invoke($"Could not tell the team that host {link.Host} is up: {e.Message}");
            }
        } while (await Tick(timer, cancellationToken));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Mirror(IHostLink link, string bucket)
    {
        try
        {
            link.Hint(_state.Directory, bucket);
        }
        catch (StateException e)
        {
            warn?.Invoke(e.Message);
        }
    }

    /// <summary>One request of another host, answered as the local use case answers it, or with the error it raised.</summary>
    internal async Task<byte[]> AnswerAsync(string operation, byte[] payload, CancellationToken cancellationToken)
    {
        HostAnswer answer;
        try
        {
            answer = operation switch
            {
                HostOperation.Type => await TypeAsync(Read(payload, HostJsonContext.Default.TypeRequest), cancellationToken),
                HostOperation.Read => Result(
                    await useCases.Screens.ReadPeerAsync((await LocalAsync(Read(payload, HostJsonContext.Default.ScreenRequest).Role, cancellationToken)).Role, Lines(payload), cancellationToken),
                    HostJsonContext.Default.ReadPeerResult
                ),
                HostOperation.Detect => Result(
                    await useCases.Screens.DetectQuestionAsync((await LocalAsync(Read(payload, HostJsonContext.Default.ScreenRequest).Role, cancellationToken)).Role, Lines(payload), cancellationToken),
                    HostJsonContext.Default.DetectQuestionResult
                ),
                HostOperation.Respond => await RespondAsync(Read(payload, HostJsonContext.Default.RespondRequest), cancellationToken),
                HostOperation.Wait => await WaitAsync(Read(payload, HostJsonContext.Default.WaitRequest), cancellationToken),
                HostOperation.View => await ViewAsync(Read(payload, HostJsonContext.Default.ScreenRequest), cancellationToken),
                _ => new HostAnswer(null, $"host {_state.Host} does not know the request \"{operation}\": is it running another version?"),
            };
        }
        catch (SessionBridgeException e)
        {
            answer = new HostAnswer(null, e.Template, e.Code);
        }
        catch (JsonException e)
        {
            answer = new HostAnswer(null, $"host {_state.Host} could not read the request ({e.Message}): is it running another version?");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug here must not leave the asking host waiting out its limit for an answer that never comes.
            answer = new HostAnswer(null, $"host {_state.Host} failed to answer: {e.GetType().Name}: {e.Message}");
        }

        return JsonSerializer.SerializeToUtf8Bytes(answer, HostJsonContext.Default.HostAnswer);
    }

    private async Task<HostAnswer> TypeAsync(TypeRequest request, CancellationToken cancellationToken)
    {
        var peer = await LocalAsync(request.Role, cancellationToken);
        var delivery = await useCases.Panes.Local.TypeAsync(peer, request.Text, request.Submit, request.Force, cancellationToken);
        return Result(new TypeAnswer(delivery.Status, delivery.Reason), HostJsonContext.Default.TypeAnswer);
    }

    private async Task<HostAnswer> RespondAsync(RespondRequest request, CancellationToken cancellationToken)
    {
        await LocalAsync(request.Role, cancellationToken);
        var result = await useCases.Menus.RespondAsync(request, cancellationToken);
        return Result(result, HostJsonContext.Default.RespondResult);
    }

    private async Task<HostAnswer> WaitAsync(WaitRequest request, CancellationToken cancellationToken)
    {
        await LocalAsync(request.Role, cancellationToken);
        var result = await useCases.Waiting.WaitForAsync(request.Role, request.Until, request.TimeoutSeconds, null, null, cancellationToken);
        return Result(result, HostJsonContext.Default.WaitResult);
    }

    private async Task<HostAnswer> ViewAsync(ScreenRequest request, CancellationToken cancellationToken)
    {
        var peer = await LocalAsync(request.Role, cancellationToken);
        var supervisor = (await _state.Supervision.AllAsync(cancellationToken)).FirstOrDefault(e => e.Role == peer.Role)?.Supervisor;
        return Result(await useCases.Panes.Local.ViewAsync(peer, supervisor, cancellationToken), HostJsonContext.Default.PeerView);
    }

    /// <summary>
    /// The role's registration, which must be this host's: a request for a pane elsewhere (the role moved meanwhile)
    /// is refused, so a pane is only ever driven from its own host.
    /// </summary>
    private async Task<PeerRegistration> LocalAsync(string role, CancellationToken cancellationToken)
    {
        var peer =
            await _state.Registry.FindAsync(RoleName.Parse(role), cancellationToken)
            ?? throw new BridgeException($"\"{role}\" is no longer registered. {{cmd:list_peers}} shows who is there.", ErrorCode.NotRegistered);
        if (!_state.IsLocal(peer))
        {
            throw new BridgeException(
                $"{role} is registered on host {peer.Host} now, not on {_state.Host}: try again.",
                ErrorCode.NoPane
            );
        }

        return peer;
    }

    private static int? Lines(byte[] payload) => Read(payload, HostJsonContext.Default.ScreenRequest).Lines;

    private static T Read<T>(byte[] payload, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(payload, info) ?? throw new JsonException("an empty request");

    private static HostAnswer Result<T>(T value, JsonTypeInfo<T> info) => new(JsonSerializer.SerializeToElement(value, info));
}
