namespace SessionBridge.State;

/// <summary>The Claude Code session each role of a team was started with.</summary>
internal interface IRoleSessionStore
{
    RoleSession? Find(RoleName role);

    IReadOnlyList<RoleSession> All();

    void Save(RoleSession session);
}
