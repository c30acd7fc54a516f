namespace SessionBridge.State;

/// <summary>sessions.json: the Claude Code session of each role a team started, kept across <c>down</c> and reboots.</summary>
internal sealed class RoleSessions(StateDirectory directory, TimeSpan lockTimeout) : IRoleSessionStore
{
    private readonly JsonDocumentFile<SessionsFile> _file = new(
        directory.SessionsPath,
        () => StateJsonContext.Files.SessionsFile,
        () => new SessionsFile(),
        lockTimeout,
        "each role's Claude Code session"
    );

    public Task<RoleSession?> FindAsync(RoleName role, CancellationToken cancellationToken) =>
        Task.FromResult(_file.Read().Roles.TryGetValue(role.Value, out var session) ? session : null);

    public Task<IReadOnlyList<RoleSession>> AllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RoleSession>>([.. _file.Read().Roles.Values.OrderBy(r => r.Role, StringComparer.Ordinal)]);

    public Task SaveAsync(RoleSession session, CancellationToken cancellationToken) =>
        _file.UpdateAsync(
            file =>
            {
                file.Roles[session.Role] = session;
                return (file, true);
            },
            cancellationToken
        );
}
