using ModelContextProtocol;
using SessionBridge.State;

namespace SessionBridge.Server.Tools;

/// <summary>
/// Turns the library's expected failures into <see cref="McpException"/>s, whose message the model sees.
/// Anything else is a bug and is left to the SDK, which reports it without internals.
/// </summary>
internal static class ToolCall
{
    public static T Run<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (BridgeException e)
        {
            throw new McpException(e.Message, e);
        }
        catch (StateException e)
        {
            throw new McpException(e.Message, e);
        }
    }

    public static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (BridgeException e)
        {
            throw new McpException(e.Message, e);
        }
        catch (StateException e)
        {
            throw new McpException(e.Message, e);
        }
    }
}
