using System.Text.Json.Nodes;

namespace SessionBridge.EndToEnd.Claude;

/// <summary>
/// More projects in a world, each like its own: a folder whose <c>.mcp.json</c> starts the built session-bridge,
/// trusted and its server approved in the world's <c>.claude.json</c>, as a user who opened it once has it.
/// </summary>
public static class ProjectFolders
{
    public static async Task<string> AddAsync(ClaudeWorld world, string name)
    {
        var folder = Path.Combine(Path.GetDirectoryName(world.Project)!, name);
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(world.Project, ".mcp.json"), Path.Combine(folder, ".mcp.json"));
        var path = Path.Combine(world.Home, ".claude.json");
        var state = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        state["projects"]![folder] = new JsonObject
        {
            ["hasTrustDialogAccepted"] = true,
            ["hasCompletedProjectOnboarding"] = true,
            ["enabledMcpjsonServers"] = new JsonArray("session-bridge"),
        };
        await File.WriteAllTextAsync(path, state.ToJsonString());
        return folder;
    }
}
