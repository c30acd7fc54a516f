using System.Globalization;
using System.Text;

namespace SessionBridge.Setup;

/// <summary>
/// settings.json on disk: read as text (a byte-order mark kept aside), and replaced atomically with the
/// same mode, through a symbolic link to wherever the user keeps it (dotfiles), after a backup. Only the
/// newest <see cref="BackupsKept"/> backups stay: enough to undo a few runs without filling ~/.claude.
/// </summary>
internal sealed class SettingsFile(string path)
{
    public const int BackupsKept = 5;
    private const string BackupInfix = ".bak-";
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    public string Path { get; } = path;

    public bool Exists => File.Exists(Path);

    public bool HasByteOrderMark { get; private set; }

    /// <summary>The file's text, or null when there is no file.</summary>
    /// <exception cref="DecoderFallbackException">The file is not UTF-8.</exception>
    public string? Read()
    {
        if (!Exists)
            return null;
        var bytes = File.ReadAllBytes(Path);
        HasByteOrderMark = bytes.AsSpan().StartsWith(ByteOrderMark);
        return Strict.GetString(bytes, HasByteOrderMark ? 3 : 0, bytes.Length - (HasByteOrderMark ? 3 : 0));
    }

    /// <summary>Backs the file up (when there is one) and replaces it with <paramref name="text"/>; returns the backup's path.</summary>
    public string? Write(string text, DateTimeOffset now)
    {
        var backup = Backup(now);
        var target = Target();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        var temp = $"{target}.{Environment.ProcessId}.tmp";
        var bytes = Strict.GetBytes(text);
        File.WriteAllBytes(temp, HasByteOrderMark ? [.. ByteOrderMark, .. bytes] : bytes);
        if (File.Exists(target))
            File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
        File.Move(temp, target, overwrite: true);
        return backup;
    }

    /// <summary>Backs the file up and deletes it (the link too, when it is one); returns the backup's path.</summary>
    public string? Delete(DateTimeOffset now)
    {
        var backup = Backup(now);
        File.Delete(Target());
        if (File.Exists(Path) || new FileInfo(Path).LinkTarget is not null)
            File.Delete(Path);
        return backup;
    }

    public IReadOnlyList<string> Backups()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(directory))
            return [];
        var prefix = System.IO.Path.GetFileName(Path) + BackupInfix;
        return Directory
            .EnumerateFiles(directory, prefix + "*")
            .Where(f => System.IO.Path.GetFileName(f)[prefix.Length..].All(c => char.IsAsciiDigit(c) || c == '-'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    // A symbolic link is followed to the file it names, so the link stays a link.
    private string Target() =>
        new FileInfo(Path).LinkTarget is null ? Path : File.ResolveLinkTarget(Path, returnFinalTarget: true)?.FullName ?? Path;

    private string? Backup(DateTimeOffset now)
    {
        if (!Exists)
            return null;
        var stamp = Path + BackupInfix + now.UtcDateTime.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        var backup = stamp;
        for (var n = 2; File.Exists(backup); n++)
            backup = $"{stamp}-{n}";
        File.Copy(Path, backup);
        foreach (var old in Backups().SkipLast(BackupsKept))
            File.Delete(old);
        return backup;
    }
}
