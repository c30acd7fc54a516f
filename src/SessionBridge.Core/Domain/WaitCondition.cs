using System.Text.Json.Serialization;

namespace SessionBridge.Domain;

/// <summary>What wait_for waits for (its <c>until</c> argument).</summary>
internal enum WaitCondition
{
    [JsonStringEnumMemberName("idle")]
    Idle,

    /// <summary>A menu, a permission prompt, or a question in prose.</summary>
    [JsonStringEnumMemberName("question")]
    Question,

    [JsonStringEnumMemberName("idle_or_question")]
    IdleOrQuestion,

    /// <summary>A message from the peer in the caller's inbox.</summary>
    [JsonStringEnumMemberName("message")]
    Message,

    /// <summary>A message sent to the peer (given by id) is no longer held: handed over, typed, or given up.</summary>
    [JsonStringEnumMemberName("delivered")]
    Delivered,
}
