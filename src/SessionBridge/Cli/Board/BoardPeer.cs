using System.Text.Json.Serialization;
using SessionBridge.Bridge;
using SessionBridge.Bridge.Results;
using SessionBridge.Held;
using SessionBridge.Screens;
using SessionBridge.State;

namespace SessionBridge.Server.Cli.Board;

/// <summary>
/// One row of the board. <c>Role</c>, <c>Pane</c>, <c>Status</c> and <c>State</c> are list_peers'; the rest is
/// what a person watching wants beside them: since when the state holds and where it was read, the question a
/// waiting peer asks, its unread and held messages, the last message to or from it, the start of its last answer.
/// </summary>
/// <param name="StateSince">When the state began: from the hook when presence says, else when this board first saw it.</param>
/// <param name="Heading">A menu's heading (e.g. "Database").</param>
/// <param name="Question">For waiting_select, the menu's question; for waiting_text, the question in prose.</param>
/// <param name="Options">A menu's options; null for any other state.</param>
internal sealed record BoardPeer(
    string Role,
    string Pane,
    PaneStatus Status,
    ListedState State,
    StateSource StateSource,
    DateTimeOffset StateSince,
    string? Heading,
    string? Question,
    IReadOnlyList<MenuOption>? Options,
    int Unread,
    int Held,
    MessageRecord? LastMessage,
    string? LastAnswer,
    string? Problem
)
{
    /// <summary>The host its pane is on, for a team across machines (null on one machine).</summary>
    public string? Host { get; init; }

    /// <summary>The team the role is in (its namespace).</summary>
    public string? Team { get; init; }

    /// <summary>The role that supervises this one (supervise), if any.</summary>
    public string? Supervisor { get; init; }

    /// <summary>Its pending permission request, as Claude Code gave its hook: what its supervisor is asked to decide.</summary>
    public PendingRequestView? Request { get; init; }

    /// <summary>The held messages behind <see cref="Held"/>, for the --held-after alert.</summary>
    [JsonIgnore]
    public IReadOnlyList<HeldMessage> HeldMessages { get; init; } = [];

    /// <summary>The peer waits for a person: on a menu, a permission prompt or a question.</summary>
    [JsonIgnore]
    public bool IsWaiting => State.IsWaiting();
}
