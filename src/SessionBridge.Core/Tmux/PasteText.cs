using System.Text;

namespace SessionBridge.Tmux;

/// <summary>
/// Makes text safe to paste: C0/C1 control characters other than newline and tab are removed (an embedded
/// <c>ESC[201~</c> would end the bracketed paste early and run the rest as keystrokes), CRLF and lone CR
/// become LF, lone surrogates become U+FFFD, and trailing newlines go (the Enter is ours to press).
/// </summary>
internal static class PasteText
{
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
            }
            else if (c is '\n' or '\t')
            {
                builder.Append(c);
            }
            else if (char.IsControl(c))
            {
                // C0, DEL and C1: dropped.
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString().TrimEnd('\n');
    }
}
