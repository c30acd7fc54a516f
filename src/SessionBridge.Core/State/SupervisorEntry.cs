namespace SessionBridge.State;

/// <summary>One supervised role: who supervises it, since when, and what the supervisor is told (null: the default).</summary>
internal sealed record SupervisorEntry(string Role, string Supervisor, DateTimeOffset Since, IReadOnlyList<SupervisionNotice>? Notify = null)
{
    public static readonly IReadOnlyList<SupervisionNotice> DefaultNotify = [SupervisionNotice.Questions, SupervisionNotice.Ended];

    public IReadOnlyList<SupervisionNotice> Notices => Notify ?? DefaultNotify;
}
