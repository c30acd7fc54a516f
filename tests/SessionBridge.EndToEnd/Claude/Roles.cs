using System.Text.Json;
using SessionBridge.EndToEnd.Model;

namespace SessionBridge.EndToEnd.Claude;

/// <summary>Steps every scenario starts with.</summary>
public static class Roles
{
    /// <summary>The session's model calls register with <paramref name="role"/>; checks the result names its own pane.</summary>
    public static async Task RegisterAsync(this ClaudeSession session, string role)
    {
        session.Model.Enqueue(Turn.Bridge("register", new { role }), Turn.Reply($"Registered as {role}."));
        await session.TypeAsync($"Register as {role}.");
        var result = JsonDocument.Parse(await session.WaitForToolResultAsync(Turn.BridgeTool("register"))).RootElement;
        result.GetProperty("role").GetString().Should().Be(role);
        result.GetProperty("pane").GetString().Should().Be(session.Pane);
        result.GetProperty("cwd").GetString().Should().Be(session.Directory);
        await session.WaitForScreenAsync(s => s.Contains($"Registered as {role}.", StringComparison.Ordinal), "the model's answer");
    }

    /// <summary>Starts gestor and dev in two panes and has each register through its model.</summary>
    public static async Task<(ClaudeSession Gestor, ClaudeSession Dev)> StartGestorAndDevAsync(this ClaudeWorld world)
    {
        var gestor = await world.StartSessionAsync("gestor");
        var dev = await world.StartSessionAsync("dev");
        await dev.RegisterAsync("dev");
        await gestor.RegisterAsync("gestor");
        return (gestor, dev);
    }
}
