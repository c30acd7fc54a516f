using System.Text;

namespace SessionBridge.Setup;

/// <summary>Just enough POSIX shell quoting for the command lines we write into settings and print as fixes.</summary>
internal static class Shell
{
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+=:,@%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The first word of <paramref name="command"/> with its quotes and backslashes taken out.</summary>
    public static string? FirstWord(string command)
    {
        var word = new StringBuilder();
        var i = 0;
        while (i < command.Length && char.IsWhiteSpace(command[i]))
            i++;
        for (; i < command.Length && !char.IsWhiteSpace(command[i]); i++)
        {
            var c = command[i];
            if (c is '\'' or '"')
            {
                var end = command.IndexOf(c, i + 1);
                if (end < 0)
                    end = command.Length;
                word.Append(command, i + 1, end - i - 1);
                i = end;
            }
            else if (c == '\\' && i + 1 < command.Length)
            {
                word.Append(command[++i]);
            }
            else
            {
                word.Append(c);
            }
        }

        return word.Length == 0 ? null : word.ToString();
    }
}
