using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SessionBridge.Domain;

/// <summary>
/// The names statuses and hook events have on the wire (tool results, log lines, the command line). Each enum member's
/// <see cref="JsonStringEnumMemberNameAttribute"/> is the one place a name is written; these read it back.
/// </summary>
internal static class WireNames
{
    public static string ToWireName(this PaneStatus value) => Of(value, WireNamesJson.Default.PaneStatus);

    public static string ToWireName(this DeliveryStatus value) => Of(value, WireNamesJson.Default.DeliveryStatus);

    public static string ToWireName(this DeliveredVia value) => Of(value, WireNamesJson.Default.DeliveredVia);

    public static string ToWireName(this WaitCondition value) => Of(value, WireNamesJson.Default.WaitCondition);

    public static string ToWireName(this ScreenState value) => Of(value, WireNamesJson.Default.ScreenState);

    public static string ToWireName(this StateSource value) => Of(value, WireNamesJson.Default.StateSource);

    public static string ToWireName(this ErrorCode value) => Of(value, WireNamesJson.Default.ErrorCode);

    public static string ToWireName(this ListedState value) => Of(value, WireNamesJson.Default.ListedState);

    public static string ToWireName(this RequestStatus value) => Of(value, WireNamesJson.Default.RequestStatus);

    public static string ToWireName(this SupervisionNotice value) => Of(value, WireNamesJson.Default.SupervisionNotice);

    // A hook event's wire name is its member's name, spelled out here: no serializer (the hook parses one on every
    // Claude Code event, and building the serializer's metadata would cost it most of a millisecond of its 5 ms), and no
    // Enum.ToString or Enum.TryParse, which load the enum's reflection metadata on first use. WordingSpecs holds every
    // member to its name.
    public static string ToWireName(this HookEventName value) =>
        value switch
        {
            HookEventName.SessionStart => nameof(HookEventName.SessionStart),
            HookEventName.UserPromptSubmit => nameof(HookEventName.UserPromptSubmit),
            HookEventName.PreToolUse => nameof(HookEventName.PreToolUse),
            HookEventName.PermissionRequest => nameof(HookEventName.PermissionRequest),
            HookEventName.PostToolUse => nameof(HookEventName.PostToolUse),
            HookEventName.PostToolUseFailure => nameof(HookEventName.PostToolUseFailure),
            HookEventName.Notification => nameof(HookEventName.Notification),
            HookEventName.Stop => nameof(HookEventName.Stop),
            HookEventName.StopFailure => nameof(HookEventName.StopFailure),
            HookEventName.SessionEnd => nameof(HookEventName.SessionEnd),
            HookEventName.PreCompact => nameof(HookEventName.PreCompact),
            HookEventName.PostCompact => nameof(HookEventName.PostCompact),
            _ => value.ToString(),
        };

    /// <summary>The event Claude Code names <paramref name="text"/>; null for none, or one we do not know.</summary>
    public static HookEventName? ParseHookEventName(string? text) =>
        text switch
        {
            nameof(HookEventName.SessionStart) => HookEventName.SessionStart,
            nameof(HookEventName.UserPromptSubmit) => HookEventName.UserPromptSubmit,
            nameof(HookEventName.PreToolUse) => HookEventName.PreToolUse,
            nameof(HookEventName.PermissionRequest) => HookEventName.PermissionRequest,
            nameof(HookEventName.PostToolUse) => HookEventName.PostToolUse,
            nameof(HookEventName.PostToolUseFailure) => HookEventName.PostToolUseFailure,
            nameof(HookEventName.Notification) => HookEventName.Notification,
            nameof(HookEventName.Stop) => HookEventName.Stop,
            nameof(HookEventName.StopFailure) => HookEventName.StopFailure,
            nameof(HookEventName.SessionEnd) => HookEventName.SessionEnd,
            nameof(HookEventName.PreCompact) => HookEventName.PreCompact,
            nameof(HookEventName.PostCompact) => HookEventName.PostCompact,
            _ => null,
        };

    /// <summary>All wire names of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>(JsonTypeInfo<T> info)
        where T : struct, Enum => Names<T>.For(info).Values.ToList();

    public static bool TryParse<T>(string? text, JsonTypeInfo<T> info, out T value)
        where T : struct, Enum
    {
        foreach (var (member, name) in Names<T>.For(info))
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                value = member;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Of<T>(T value, JsonTypeInfo<T> info)
        where T : struct, Enum => Names<T>.For(info)[value];

    private static class Names<T>
        where T : struct, Enum
    {
        private static Dictionary<T, string>? s_names;

        public static Dictionary<T, string> For(JsonTypeInfo<T> info) =>
            s_names ??= Enum.GetValues<T>().ToDictionary(v => v, v => JsonSerializer.Serialize(v, info).Trim('"'));
    }
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(PaneStatus))]
[JsonSerializable(typeof(DeliveryStatus))]
[JsonSerializable(typeof(WaitCondition))]
[JsonSerializable(typeof(DeliveredVia))]
[JsonSerializable(typeof(ScreenState))]
[JsonSerializable(typeof(StateSource))]
[JsonSerializable(typeof(ErrorCode))]
[JsonSerializable(typeof(ListedState))]
[JsonSerializable(typeof(RequestStatus))]
[JsonSerializable(typeof(SupervisionNotice))]
internal sealed partial class WireNamesJson : JsonSerializerContext;
