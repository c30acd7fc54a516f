using SessionBridge.Bridge.Results;

namespace SessionBridge.Bridge;

internal sealed partial class PeerBridge
{
    /// <summary>
    /// Sends one text to several peers (all registered roles but the sender, or the given ones), each to
    /// its own pane and in parallel: one dead pane does not hold up or fail the others.
    /// </summary>
    public async Task<BroadcastResult> BroadcastAsync(
        string? from,
        string? text,
        IReadOnlyList<string>? roles = null,
        CancellationToken cancellationToken = default
    )
    {
        var sender = RoleName.Parse(from, "from");
        CleanText(text);
        List<string> targets;
        if (roles is { Count: > 0 })
        {
            targets = roles.Select(r => RoleName.Parse(r, "roles").Value).Distinct(StringComparer.Ordinal).ToList();
            foreach (var role in targets)
                FindPeer(RoleName.Trusted(role), "roles");
        }
        else
        {
            targets = State.Registry.All().Select(p => p.Role).Where(r => r != sender.Value).ToList();
            if (targets.Count == 0)
                throw new BridgeException("No other role is registered: nobody to broadcast to. See list_peers.");
        }

        var results = await Task.WhenAll(
            targets.Select(role => SendAsync(role, sender.Value, text, cancellationToken: cancellationToken))
        );
        var delivered = results.Count(r => r.Delivered);
        return new BroadcastResult(delivered, results.Length - delivered, results);
    }
}
