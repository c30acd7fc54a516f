namespace SessionBridge.State;

/// <summary>
/// The messages held per role until it can take them. Changed only under the role's mailbox lock
/// (<see cref="IMessageStore.UnderMailboxLock{T}"/>): that lock is what makes a handover happen once.
/// </summary>
internal interface IHeldStore
{
    /// <summary>Whether any role has a message held: cheap, for the hook's every event.</summary>
    bool Any();

    /// <summary>The roles with a message held, in name order.</summary>
    IReadOnlyList<RoleName> Roles();

    /// <summary>The role's held messages, oldest first; none when there are none or they cannot be read.</summary>
    IReadOnlyList<MessageRecord> Read(RoleName role);

    /// <summary>
    /// Replaces the role's held messages (a reader sees the old list or the new); none removes them. A message
    /// kept with changed fields (handed over, or waiting again) is stored changed.
    /// </summary>
    void Write(RoleName role, IReadOnlyList<MessageRecord> messages);
}
