using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionBridge.State;

/// <summary>Source-generated JSON for the state files: no reflection, so the hook and server stay NativeAOT.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false,
    UseStringEnumConverter = true
)]
[JsonSerializable(typeof(MessageRecord))]
[JsonSerializable(typeof(LogLine))]
[JsonSerializable(typeof(RegistryFile))]
[JsonSerializable(typeof(PromptsFile))]
[JsonSerializable(typeof(InboxCursor))]
[JsonSerializable(typeof(Presence))]
[JsonSerializable(typeof(HeldFile))]
[JsonSerializable(typeof(SessionsFile))]
[JsonSerializable(typeof(SupervisionFile))]
[JsonSerializable(typeof(PermissionRequestRecord))]
[JsonSerializable(typeof(HostBeat))]
[JsonSerializable(typeof(TeamsFile))]
// The NATS store keeps one document per key.
[JsonSerializable(typeof(PeerRegistration))]
[JsonSerializable(typeof(SavedPrompt))]
[JsonSerializable(typeof(RoleSession))]
[JsonSerializable(typeof(SupervisorEntry))]
internal sealed partial class StateJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context to read and write with: non-ASCII stays readable in the files (people tail them),
    /// while quotes, control characters and line breaks are still escaped, so one record stays one line.
    /// </summary>
    // Lazy: static initializers across partial files run in no fixed order, and Default is generated.
    public static StateJsonContext Files =>
        s_files ??= new StateJsonContext(
            new JsonSerializerOptions(Default!.Options)
            {
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }
        );

    private static StateJsonContext? s_files;
}
