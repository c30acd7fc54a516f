using System.Text;

namespace SessionBridge.EndToEnd.Claude;

/// <summary>The processes whose environment sets HOME to a given folder, read from /proc.</summary>
internal static class HomeProcesses
{
    public static IEnumerable<int> Of(string home)
    {
        var marker = Encoding.UTF8.GetBytes("HOME=" + home + "\0");
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            byte[] environment;
            try
            {
                environment = File.ReadAllBytes(Path.Combine(directory, "environ"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (environment.AsSpan().IndexOf(marker) >= 0)
                yield return pid;
        }
    }
}
