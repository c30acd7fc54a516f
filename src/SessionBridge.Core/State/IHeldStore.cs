namespace SessionBridge.State;

/// <summary>
/// The messages held per role until it can take them. Changed only under the role's mailbox lock
/// (<see cref="IMessageStore.UnderMailboxLockAsync{T}"/>): that lock is what makes a handover happen once.
/// </summary>
internal interface IHeldStore
{
    /// <summary>Whether any role has a message held: cheap, for the hook's every event.</summary>
    Task<bool> AnyAsync(CancellationToken cancellationToken);

    /// <summary>The roles with a message held, in name order.</summary>
    Task<IReadOnlyList<RoleName>> RolesAsync(CancellationToken cancellationToken);

    /// <summary>The role's held messages, oldest first; none when there are none or they cannot be read.</summary>
    Task<IReadOnlyList<MessageRecord>> ReadAsync(RoleName role, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the role's held messages (a reader sees the old list or the new); none removes them. A message
    /// kept with changed fields (handed over, or waiting again) is stored changed.
    /// </summary>
    Task WriteAsync(RoleName role, IReadOnlyList<MessageRecord> messages, CancellationToken cancellationToken);
}
