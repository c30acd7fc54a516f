using SessionBridge.Bridge;
using SessionBridge.State;

namespace SessionBridge.Server.Cli.Board;

/// <summary>
/// What the board shows: its folder's team (one <see cref="BoardBuilder"/>), or with <c>watch --all</c> every team on
/// this machine, each read through its own use cases and merged: every peer names its team, the conversation is
/// every team's in time order. Teams are listed again on each look, so a team started meanwhile appears.
/// </summary>
internal sealed class TeamsBoard(CliContext context, bool all) : IAsyncDisposable
{
    private readonly Dictionary<string, (UseCases? Owned, BoardBuilder Builder)> _teams = new(StringComparer.Ordinal);

    public async Task<BoardSnapshot> BuildAsync(int recent, CancellationToken cancellationToken)
    {
        if (!all)
            return await Builder(context.Options.State.Team).BuildAsync(recent, cancellationToken);

        var snapshots = new List<BoardSnapshot>();
        foreach (var team in TeamResolver.All(context.Options.State).Append(context.Options.State.Team).Distinct().Order(StringComparer.Ordinal))
            snapshots.Add(await Builder(team).BuildAsync(recent, cancellationToken));
        var first = snapshots[0];
        return new BoardSnapshot(
            first.TakenAt,
            first.StateDirectory,
            snapshots.Any(s => s.StateDirectoryExists),
            [.. snapshots.SelectMany(s => s.Peers)],
            [.. snapshots.SelectMany(s => s.Recent).OrderBy(m => m.Ts).TakeLast(Math.Max(0, recent))],
            [.. snapshots.SelectMany(s => s.Problems).Distinct()]
        );
    }

    private BoardBuilder Builder(string team)
    {
        if (_teams.TryGetValue(team, out var known))
            return known.Builder;
        var owned = team == context.Options.State.Team ? null : new UseCases(context.Options with { State = context.Options.State.ForTeam(team) }, context.Clock);
        var builder = new BoardBuilder(owned ?? context.Bridge);
        _teams[team] = (owned, builder);
        return builder;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (owned, _) in _teams.Values)
        {
            if (owned is not null)
                await owned.DisposeAsync();
        }
    }
}
