using SessionBridge.Hook;

// Never exit non-zero and never print anything but our JSON: Claude Code shows a failing hook to the user.
try
{
    var output = await SessionStartHook.RunAsync(Console.OpenStandardInput(), Environment.GetEnvironmentVariable);
    if (output is not null)
        Console.Out.Write(output);
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"session-bridge-hook: {e.GetType().Name}: {e.Message}");
}

return 0;
