using SessionBridge.Bridge.Results;
using SessionBridge.State;

namespace SessionBridge.Bridge;

/// <summary>
/// send and broadcast: type a message into a peer's pane and log it to the thread and the peer's mailbox,
/// delivered or not. A registered target that cannot be typed into is a result with delivered:false, never
/// an exception; the caller's mistakes are <see cref="BridgeException"/>s and nothing is logged.
/// </summary>
internal sealed class MessageSending(
    BridgeOptions options,
    StateStore state,
    PeerDirectory peers,
    PaneTyping typing,
    TimeProvider clock
)
{
    public async Task<SendResult> SendAsync(
        string? to,
        string? from,
        string? text,
        bool submit = true,
        bool tag = true,
        string? replyTo = null,
        bool force = false,
        CancellationToken cancellationToken = default
    )
    {
        var recipient = RoleName.Parse(to, "to");
        var sender = RoleName.Parse(from, "from");
        var body = Arguments.MessageText(text);
        var parent = MessageId.ParseOptional(replyTo, "reply_to");
        var peer = peers.Find(recipient, "to");
        var typed = tag ? $"[from:{sender}] {body}" : body;

        // Every message is logged: find out now if it cannot be, before anything is typed.
        options.State.EnsureCreated();
        try
        {
            state.Messages.CheckRoomFor(recipient, System.Text.Encoding.UTF8.GetByteCount(body));
        }
        catch (StateException e)
        {
            throw new StateException($"{e.Message} Nothing was typed into {recipient}'s pane.", e.Path, e);
        }

        var delivery = await typing.TypeAsync(peer, typed, submit, force, cancellationToken);
        var record = new MessageRecord(
            MessageId.New(),
            clock.GetUtcNow(),
            sender.Value,
            recipient.Value,
            body,
            delivery.Delivered,
            delivery.Submitted,
            delivery.Reason,
            parent,
            delivery.Status
        );
        try
        {
            state.Messages.Append(record);
        }
        catch (StateException e) when (delivery.Delivered)
        {
            // Rare (the disk filled up between the check and the write), but the caller must not send it again.
            throw new StateException(
                $"The message reached {recipient}'s pane ({delivery.Status.ToWireName()}) but could not be logged "
                    + $"in full, so history or {recipient}'s inbox may lack it. Do not send it again. {e.Message}",
                e.Path,
                e
            );
        }

        TouchSender(sender, record.Ts);
        return new SendResult(
            record.Id,
            record.To,
            record.From,
            record.Ts,
            delivery.Delivered,
            delivery.Submitted,
            delivery.Status,
            delivery.Reason,
            parent
        );
    }

    /// <summary>
    /// One text to several peers (all registered roles but the sender, or the given ones), each to its own
    /// pane and in parallel: one dead pane does not hold up or fail the others.
    /// </summary>
    public async Task<BroadcastResult> BroadcastAsync(
        string? from,
        string? text,
        IReadOnlyList<string>? roles,
        CancellationToken cancellationToken
    )
    {
        var sender = RoleName.Parse(from, "from");
        Arguments.MessageText(text);
        List<string> targets;
        if (roles is { Count: > 0 })
        {
            targets = roles.Select(r => RoleName.Parse(r, "roles").Value).Distinct(StringComparer.Ordinal).ToList();
            foreach (var role in targets)
                peers.Find(RoleName.Trusted(role), "roles");
        }
        else
        {
            targets = peers.All().Select(p => p.Role).Where(r => r != sender.Value).ToList();
            if (targets.Count == 0)
                throw new BridgeException("No other role is registered: nobody to broadcast to. See {cmd:list_peers}.");
        }

        var results = await Task.WhenAll(
            targets.Select(role => SendAsync(role, sender.Value, text, cancellationToken: cancellationToken))
        );
        var delivered = results.Count(r => r.Delivered);
        return new BroadcastResult(delivered, results.Length - delivered, results);
    }

    private void TouchSender(RoleName sender, DateTimeOffset now)
    {
        // LastSeen is advisory: refresh it at most every 30 s rather than rewrite the registry on every send.
        try
        {
            var peer = state.Registry.Find(sender);
            if (peer is not null && now - peer.LastSeen > TimeSpan.FromSeconds(30))
                state.Registry.Touch(sender, now);
        }
        catch (StateException)
        {
            // The message is sent and logged; a lastSeen that could not be refreshed must not turn that into an error.
        }
    }
}
