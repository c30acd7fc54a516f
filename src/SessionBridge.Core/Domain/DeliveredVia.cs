using System.Text.Json.Serialization;

namespace SessionBridge.Domain;

/// <summary>How a held message finally reached its peer's model.</summary>
internal enum DeliveredVia
{
    /// <summary>Mid-turn, as a PostToolUse hook's additionalContext.</summary>
    [JsonStringEnumMemberName("post_tool_use")]
    PostToolUse,

    /// <summary>With the human's own prompt, as a UserPromptSubmit hook's additionalContext.</summary>
    [JsonStringEnumMemberName("user_prompt_submit")]
    UserPromptSubmit,

    /// <summary>Typed into the prompt once it was free (the Stop hook's deliverer).</summary>
    [JsonStringEnumMemberName("typed")]
    Typed,

    /// <summary>After /clear or a restart, with the SessionStart hook's restore context.</summary>
    [JsonStringEnumMemberName("session_start")]
    SessionStart,
}
