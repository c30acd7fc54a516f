using SessionBridge.Errors;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>
/// The one place the library's expected failures become a message and an exit code on the command line,
/// worded for a person (<see cref="CliWording"/>); with --json, a JSON error on stdout.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (SessionBridgeException e)
        {
            return Fail(context, e.MessageFor(CliWording.Instance), e.Code.ToWireName());
        }
    }

    public static int Fail(CliContext context, string message, string code = "invalid_argument", int exitCode = ExitCodes.Error)
    {
        if (context.Json)
            context.WriteJsonLine(new CliError(new CliErrorBody(code, message)));
        else
            context.Console.MarkupLineInterpolated($"[red]error:[/] {message}");
        return exitCode;
    }
}
