using ModelContextProtocol;
using SessionBridge.Errors;

namespace SessionBridge.Server.Tools;

/// <summary>
/// The one place the library's expected failures become <see cref="McpException"/>s, worded for the model that
/// called the tool. Anything else is a bug and is left to the SDK, which reports it without internals.
/// </summary>
internal static class ToolCall
{
    public static T Run<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (SessionBridgeException e)
        {
            throw ToMcp(e);
        }
    }

    public static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (SessionBridgeException e)
        {
            throw ToMcp(e);
        }
    }

    private static McpException ToMcp(SessionBridgeException e) => new(e.MessageFor(Wording.Tools), e);
}
