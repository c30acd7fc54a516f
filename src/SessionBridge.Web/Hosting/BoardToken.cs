using System.Security.Cryptography;
using System.Text;

namespace SessionBridge.Web.Hosting;

/// <summary>
/// The board's one secret: whoever holds it can type into every pane of the team. 256 random bits, new for each
/// run unless a token file keeps one (mode 0600: read and written by this user only).
/// </summary>
internal static class BoardToken
{
    /// <summary>A kept token shorter than this (128 bits as base64url) is refused: it could be guessed.</summary>
    public const int MinLength = 22;

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The token in <paramref name="path"/>, made there (0600) when the file does not exist; or why not.</summary>
    public static (string? Token, string? Problem) Kept(string path)
    {
        if (!File.Exists(path))
        {
            var token = New();
            try
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (directory is not null)
                    Directory.CreateDirectory(directory);
                using var stream = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
                stream.Write(Encoding.ASCII.GetBytes(token + "\n"));
                return (token, null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (null, $"--token-file {path}: could not write it ({e.Message}).");
            }
        }

        var others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        if ((File.GetUnixFileMode(path) & others) != 0)
            return (null, $"--token-file {path} can be read or written by others: run `chmod 600 {path}` (the token opens every pane).");
        string kept;
        try
        {
            kept = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"--token-file {path}: could not read it ({e.Message}).");
        }

        if (kept.Length < MinLength || !kept.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return (null, $"--token-file {path} holds no usable token (at least {MinLength} characters of A-Z, a-z, 0-9, - and _): delete it for a new one.");
        return (kept, null);
    }

    /// <summary>Compares in constant time, so a wrong guess tells nothing of how near it came.</summary>
    public static bool Matches(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
