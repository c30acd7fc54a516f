namespace SessionBridge.State;

/// <summary>One supervised role: who supervises it, since when, and what the supervisor is told (null: the default).</summary>
/// <param name="EndedTold">
/// The registration time of the role's session whose end the supervisor was told: a session ends once, however many
/// processes see it (its SessionEnd hook, then list_peers, wait_for or the board finding its pane lost).
/// </param>
internal sealed record SupervisorEntry(
    string Role,
    string Supervisor,
    DateTimeOffset Since,
    IReadOnlyList<SupervisionNotice>? Notify = null,
    DateTimeOffset? EndedTold = null
)
{
    public static readonly IReadOnlyList<SupervisionNotice> DefaultNotify = [SupervisionNotice.Questions, SupervisionNotice.Ended];

    public IReadOnlyList<SupervisionNotice> Notices => Notify ?? DefaultNotify;
}
