using SessionBridge.Web.Hosting;
using SessionBridge.Web.Requests;
using SessionBridge.Web.Teams;

// session-bridge-web: the board in a browser. `session-bridge web …` runs this program with the same arguments.
var (arguments, problem) = WebArguments.Parse(args);
if (arguments is null)
{
    await Console.Error.WriteLineAsync($"error: {problem}");
    await Console.Error.WriteLineAsync(WebArguments.Usage);
    return 2;
}

string token;
if (arguments.TokenFile is { } path)
{
    var (kept, why) = BoardToken.Kept(path);
    if (kept is null)
    {
        await Console.Error.WriteLineAsync($"error: {why}");
        return 1;
    }

    token = kept;
}
else
{
    token = BoardToken.New();
}

try
{
    await using var teams = ResolvedTeams.Open(arguments, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());
    return await BoardServer.RunAsync(arguments, token, teams, new PersonRequestDesk());
}
catch (SessionBridgeException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}
catch (IOException e)
{
    // Most often: the port is taken.
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 1;
}
