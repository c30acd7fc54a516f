using SessionBridge.Tests.Infrastructure;

namespace SessionBridge.Tests.Bridge;

/// <summary>
/// A message held on a human's draft reaches the peer once, with nothing more from the sender: the stand-in for
/// Claude Code runs the real hook on UserPromptSubmit and Stop, as Claude Code does, and records the context a
/// hook hands its model.
/// </summary>
public sealed class HeldDeliverySpecs(PrivateTmuxServer tmux) : IClassFixture<PrivateTmuxServer>, IDisposable
{
    private readonly TempDirectory _state = new("state");

    private async Task<(string Pane, string Log, InProcessServer Server)> StartAsync(string arguments)
    {
        var (pane, log) = await tmux.StartFakeClaudeAsync($"{arguments} --hook '{BuiltExecutables.Hook}' --state '{_state.Path}'");
        var server = await InProcessServer.StartAsync(TestBridge.Options(_state.Path, tmux));
        await server.CallAsync("register", new() { ["role"] = "dev", ["pane"] = pane });
        return (pane, log, server);
    }

    private static string[] Contexts(string log) =>
        File.Exists(log + ".context") ? File.ReadAllText(log + ".context").Split('\0', StringSplitOptions.RemoveEmptyEntries) : [];

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_held_on_a_draft_reaches_the_model_once_with_the_humans_prompt()
    {
        // Arrange
        var (pane, log, server) = await StartAsync("--draft 'half a thought'");
        await using var _ = server;
        var sent = (await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "the build is green" })).Json();
        var id = sent.GetProperty("id").GetString()!;
        var waiting = server.CallAsync("wait_for", new() { ["role"] = "dev", ["until"] = "delivered", ["id"] = id, ["timeout_s"] = 30 });

        // Act: the human finishes and submits their draft.
        await tmux.Tmux("send-keys", "-t", pane, "Enter");
        var waited = (await waiting).Json();

        // Assert
        sent.GetProperty("status").GetString().Should().Be("held");
        sent.GetProperty("delivered").GetBoolean().Should().BeFalse();
        waited.GetProperty("met").GetBoolean().Should().BeTrue();
        waited.GetProperty("message").GetProperty("deliveredVia").GetString().Should().Be("user_prompt_submit");
        // The handover is logged inside the hook, before it prints: the fake records what it printed just after.
        await Eventually.WaitAsync(() => Contexts(log).Length > 0, "the fake to record the hook's context");
        PrivateTmuxServer.Submitted(log).Should().Equal(["half a thought"], "the draft went in intact and ours was not typed");
        var handed = Contexts(log).Where(c => c.Contains("the build is green", StringComparison.Ordinal)).ToList();
        handed.Should().ContainSingle().Which.Should().StartWith("UserPromptSubmit: ").And.Contain($"[from:gestor] (id {id}) the build is green");
        var inbox = (await server.CallAsync("inbox", new() { ["role"] = "dev" })).Json().GetProperty("messages").EnumerateArray().Single();
        inbox.GetProperty("status").GetString().Should().Be("submitted");
        inbox.GetProperty("deliveredVia").GetString().Should().Be("user_prompt_submit");
        var history = (await server.CallAsync("history", new() { })).Json().GetProperty("messages").EnumerateArray().ToList();
        history.Should().ContainSingle("a status line is folded into its message, never shown alone");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_slash_command_held_on_a_draft_is_typed_once_the_peer_goes_idle()
    {
        // Arrange
        var (pane, log, server) = await StartAsync("--draft 'half a thought' --busy 1");
        await using var _ = server;
        var sent = (await server.CallAsync("send", new() { ["to"] = "dev", ["from"] = "gestor", ["text"] = "/compact" })).Json();
        var id = sent.GetProperty("id").GetString()!;

        // Act: the human submits; the turn ends; the Stop hook's deliverer types the command into the free prompt.
        await tmux.Tmux("send-keys", "-t", pane, "Enter");
        var waited = (await server.CallAsync("wait_for", new() { ["role"] = "dev", ["until"] = "delivered", ["id"] = id, ["timeout_s"] = 40 })).Json();

        // Assert
        sent.GetProperty("status").GetString().Should().Be("held");
        waited.GetProperty("met").GetBoolean().Should().BeTrue();
        waited.GetProperty("message").GetProperty("deliveredVia").GetString().Should().Be("typed");
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(log).Length == 2, "the command to be typed and taken");
        PrivateTmuxServer.Submitted(log).Should().Equal("half a thought", "/compact");
        Contexts(log).Should().NotContain(c => c.Contains("/compact", StringComparison.Ordinal), "a slash command is never handed over as context");
    }

    public void Dispose() => _state.Dispose();
}
