using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace SessionBridge.Domain;

/// <summary>A message's short unique id: 12 lower-case hex digits (48 random bits).</summary>
internal static partial class MessageId
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string? ParseOptional(string? id, string argument)
    {
        if (string.IsNullOrEmpty(id))
            return null;
        if (Pattern().IsMatch(id))
            return id;
        var shown = id.Length > 40 ? id[..40] + "…" : id;
        throw new BridgeException(
            $"{{arg:{argument}}} \"{shown}\" is not a message id. Ids are 12 hex digits, as send returns them and "
                + "history and inbox show them (\"id\")."
        );
    }

    [GeneratedRegex("^[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
