using System.Globalization;

namespace SessionBridge.State;

/// <summary>
/// Bounds a peer's last answer for the presence file: whole up to <see cref="MaxLength"/> characters,
/// else its beginning and a note saying how long it was. The file stays small enough for the reader's cap.
/// </summary>
internal static class PresenceAnswer
{
    public const int MaxLength = 8_000;

    public static string Bound(string answer)
    {
        if (answer.Length <= MaxLength)
            return answer;

        var note = string.Create(
            CultureInfo.InvariantCulture,
            $"\n\n[… cut: the answer was {answer.Length:N0} characters; the first ones are kept here, the whole of it is in the session's transcript.]"
        );
        var keep = MaxLength - note.Length;
        // Never keep half of a surrogate pair: the JSON writer would reject the lone high surrogate.
        if (char.IsHighSurrogate(answer[keep - 1]))
            keep--;
        return string.Concat(answer.AsSpan(0, keep), note);
    }
}
