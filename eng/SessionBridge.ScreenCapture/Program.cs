using SessionBridge.EndToEnd.Claude;
using SessionBridge.ScreenCapture;

// session-bridge-screen-capture <folder>: saves real Claude Code screens for the screen classifier's fixtures.
if (args is not [var folder])
{
    Console.Error.WriteLine("usage: eng/capture-screens.sh <folder>   (e.g. tests/SessionBridge.Tests/Fixtures/screens-<version>)");
    return 2;
}

var claude = new ClaudeInstallation();
await claude.InitializeAsync();
if (claude.Executable is null)
{
    Console.Error.WriteLine("Claude Code is not available: " + claude.Problem);
    return 1;
}

Console.Error.WriteLine($"Capturing screens of Claude Code {claude.Version} into {Path.GetFullPath(folder)} …");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
await new ScreenCapture(claude, folder).RunAsync(stop.Token);
Console.Error.WriteLine("Done. Label the new screens in the folder's labels.json.");
return 0;
