namespace SessionBridge.Web.Teams;

/// <summary>
/// The seam where the board learns which teams it shows (--team NAME, --all, or the team a command run in this
/// folder acts on): <see cref="ResolvedTeams"/>.
/// </summary>
internal interface IBoardTeams : IAsyncDisposable
{
    /// <summary>The teams shown, in order; never empty.</summary>
    IReadOnlyList<BoardTeam> Teams { get; }

    /// <summary>The team named <paramref name="name"/>, or this folder's when null; null when the board shows no such team.</summary>
    BoardTeam? Find(string? name);
}
