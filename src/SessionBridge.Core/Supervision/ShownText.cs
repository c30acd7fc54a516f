using System.Text;

namespace SessionBridge.Supervision;

/// <summary>
/// A request's input as a person or a model may read it: control characters (an escape sequence could redraw a
/// terminal, or be typed into a pane) become spaces or visible marks, and a huge input is cut, saying so.
/// </summary>
internal static class ShownText
{
    public static string Clean(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var clean = new StringBuilder(Math.Min(text.Length, max + 16));
        foreach (var c in text)
        {
            if (clean.Length >= max)
                break;
            clean.Append(
                c switch
                {
                    '\n' => '↵',
                    '\t' => ' ',
                    _ when char.IsControl(c) => '·',
                    _ => c,
                }
            );
        }

        return text.Length > clean.Length ? clean.Append($"… [cut: {text.Length} characters]").ToString() : clean.ToString();
    }
}
