using SessionBridge.State;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>Runs a command body, turning the library's expected failures into a message and an exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (BridgeException e)
        {
            return Fail(context, e.Message);
        }
        catch (StateException e)
        {
            return Fail(context, e.Message);
        }
    }

    public static int Fail(CliContext context, string message)
    {
        context.Console.MarkupLineInterpolated($"[red]error:[/] {message}");
        return ExitCodes.Error;
    }
}
