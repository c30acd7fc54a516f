using SessionBridge.Bridge.Results;
using SessionBridge.Screens;
using SessionBridge.State;
using SessionBridge.Tmux;

namespace SessionBridge.Bridge;

internal sealed partial class PeerBridge
{
    private const int MaxKeys = 50;

    /// <summary>
    /// Presses <paramref name="keys"/> in the peer's pane, or, given <paramref name="option"/>, reads the menu on
    /// its screen and presses the arrows from the cursor to that option, then Enter. Either way the screen is
    /// read afterwards and its state returned.
    /// </summary>
    public async Task<RespondResult> RespondAsync(
        string? role,
        IReadOnlyList<string>? keys,
        string? option = null,
        CancellationToken cancellationToken = default
    )
    {
        var name = RoleName.Parse(role);
        var byOption = !string.IsNullOrWhiteSpace(option);
        if (byOption && keys is { Count: > 0 })
            throw new BridgeException("Pass either 'keys' or 'option', not both.");
        if (!byOption && (keys is null || keys.Count == 0))
        {
            throw new BridgeException(
                "'keys' is empty. Pass the keys to press, for example [\"1\"], [\"Down\",\"Enter\"] or [\"Escape\"], "
                    + "or pass 'option' with the label of the menu option to choose."
            );
        }

        if (keys is { Count: > MaxKeys })
            throw new BridgeException($"'keys' has {keys.Count} keys; {MaxKeys} at most in one call.");

        var tokens = byOption ? [] : keys!.Select(KeyToken.Parse).ToList();
        var peer = FindPeer(name, "role");
        var tmux = Tmux(peer.Socket);
        using var held = PaneLock.Acquire(_options.State, peer.Socket, peer.Pane, _options.PaneLockTimeout);
        var problem = (await CheckTargetAsync(peer, cancellationToken)).Problem;
        if (problem is not null)
            return new RespondResult(name.Value, tokens.Select(t => t.Value).ToList(), false, problem);

        try
        {
            string? chosen = null;
            if (byOption)
            {
                var menu = ScreenClassifier.Classify(await tmux.CaptureAsync(peer.Pane, 0, cancellationToken));
                if (menu.State != ScreenState.WaitingSelect)
                {
                    return new RespondResult(
                        name.Value,
                        [],
                        false,
                        $"{name.Value} shows no menu (its screen reads {menu.State.ToWireName()}): nothing pressed. "
                            + "Check with detect_question, or answer a question in prose with send.",
                        After: menu.State.ToWireName()
                    );
                }

                var target = MenuChoice.Find(menu, option!);
                chosen = target.Label;
                tokens = MenuChoice.KeysTo(menu, target);
            }

            await PressAsync(tmux, peer.Pane, tokens, cancellationToken);
            await Task.Delay(_options.VerifyDelay, cancellationToken);
            var after = ScreenClassifier.Classify(await tmux.CaptureAsync(peer.Pane, 0, cancellationToken));
            return new RespondResult(name.Value, tokens.Select(t => t.Value).ToList(), true, null, chosen, after.State.ToWireName());
        }
        catch (TmuxException e)
        {
            return new RespondResult(name.Value, tokens.Select(t => t.Value).ToList(), false, $"tmux failed while sending keys: {e.Message}");
        }
    }

    private async Task PressAsync(TmuxClient tmux, string pane, List<KeyToken> tokens, CancellationToken cancellationToken)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0)
                await Task.Delay(_options.KeyInterval, cancellationToken);
            var token = tokens[i];
            if (token.IsLiteral)
                await tmux.SendLiteralAsync(pane, token.Value, cancellationToken);
            else
                await tmux.SendKeyAsync(pane, token.Value, cancellationToken);
            if (token.IsEscape)
                await Task.Delay(_options.EscapePause, cancellationToken);
        }
    }
}
