namespace SessionBridge.Web.Api;

/// <summary>GET /api/teams and each server-sent event: every team the board shows.</summary>
internal sealed record BoardView(IReadOnlyList<TeamView> Teams);
