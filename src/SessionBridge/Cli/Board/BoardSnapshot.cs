using System.Text.Json.Serialization;
using SessionBridge.State;

namespace SessionBridge.Server.Cli.Board;

/// <summary>
/// The whole team at one moment: a row per role and the newest messages of the conversation, oldest first.
/// <c>Problems</c> are what kept part of the board from being read (a corrupt registry), worded for a person;
/// the rest of the board is still shown.
/// </summary>
/// <param name="StateDirectory">The state directory read; <c>StateDirectoryExists</c> is false until the first register makes it.</param>
internal sealed record BoardSnapshot(
    DateTimeOffset TakenAt,
    string StateDirectory,
    bool StateDirectoryExists,
    IReadOnlyList<BoardPeer> Peers,
    IReadOnlyList<MessageRecord> Recent,
    IReadOnlyList<string> Problems
)
{
    /// <summary>The team the board shows; null for every team on the machine (<c>watch --all</c>: each peer names its own).</summary>
    public string? Team { get; init; }

    [JsonIgnore]
    public IEnumerable<BoardPeer> Waiting => Peers.Where(p => p.IsWaiting);
}
