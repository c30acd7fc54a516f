using SessionBridge.State;

namespace SessionBridge.Held;

/// <summary>A message that waits for its recipient to be able to take it, and since when.</summary>
internal sealed record HeldMessage(string Id, string To, string From, DateTimeOffset Since)
{
    public static HeldMessage Of(MessageRecord message) => new(message.Id, message.To, message.From, message.Ts);
}
