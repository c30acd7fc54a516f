using SessionBridge.EndToEnd.Model;

namespace SessionBridge.EndToEnd.Claude;

/// <summary>One real Claude Code running in a pane of the world's tmux server, with the model it talks to.</summary>
public sealed class ClaudeSession
{
    private readonly ClaudeWorld _world;

    internal ClaudeSession(string name, string pane, string directory, ScriptedModel model, ClaudeWorld world)
    {
        Name = name;
        Directory = directory;
        Pane = pane;
        Model = model;
        _world = world;
    }

    public string Name { get; }

    /// <summary>The tmux pane id, e.g. "%3".</summary>
    public string Pane { get; }

    public ScriptedModel Model { get; }

    /// <summary>The working directory Claude Code was started in.</summary>
    public string Directory { get; }

    public async Task<string> ScreenAsync() => (await _world.Tmux.CaptureAsync(Pane)).TrimEnd();

    /// <summary>Waits until the screen shows what <paramref name="condition"/> looks for, and returns that screen.</summary>
    public async Task<string> WaitForScreenAsync(Func<string, bool> condition, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await Eventually.ReadAsync(ScreenAsync, condition, $"{Name}'s screen to show {what}", timeout ?? TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{await _world.DescribeAsync()}", e);
        }
    }

    /// <summary>Started, past any start-up dialog, with the input box and its footer drawn.</summary>
    public Task WaitUntilReadyAsync() =>
        WaitForScreenAsync(
            screen => screen.Contains("? for shortcuts", StringComparison.Ordinal) || screen.Contains("(shift+tab to cycle)", StringComparison.Ordinal),
            "the idle input box",
            TimeSpan.FromSeconds(60));

    /// <summary>Waits for the model to get a request that matches, e.g. one whose last user text is ours.</summary>
    public async Task<ModelRequest> WaitForRequestAsync(Func<ModelRequest, bool> match, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await Model.WaitForRequestAsync(match, what, timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{Name}: {e.Message}\n{await _world.DescribeAsync()}", e);
        }
    }

    /// <summary>The tool result Claude Code sent back for <paramref name="tool"/> (waits for it).</summary>
    public async Task<string> WaitForToolResultAsync(string tool, TimeSpan? timeout = null)
    {
        var request = await WaitForRequestAsync(r => r.IsMain && r.ToolResult(tool) is not null, $"the result of {tool}", timeout);
        return request.ToolResult(tool)!;
    }

    /// <summary>Types <paramref name="text"/> as a person would, waits until the input box shows it, and presses Enter.</summary>
    public async Task TypeAsync(string text)
    {
        await _world.Tmux.Tmux("send-keys", "-t", Pane, "-l", text);
        var visible = text.Length > 30 ? text[..30] : text;
        await WaitForScreenAsync(screen => screen.Contains(visible, StringComparison.Ordinal), $"\"{visible}\" typed");
        // The specs' one bare pause: Claude Code takes a burst of keys as a paste and eats an Enter that comes too
        // soon after it, and nothing on screen says when the paste is taken (the product waits the same way).
        await Task.Delay(300, TestContext.Current.CancellationToken);
        await PressAsync("Enter");
    }

    /// <summary>The screen exactly as <c>tmux capture-pane -p</c> gives it, trailing blank lines and all.</summary>
    public Task<string> RawScreenAsync() => _world.Tmux.CaptureAsync(Pane);

    public Task KillAsync() => _world.Tmux.KillPaneAsync(Pane);

    public async Task PressAsync(params string[] keys)
    {
        foreach (var key in keys)
            await _world.Tmux.Tmux("send-keys", "-t", Pane, key);
    }

    internal async Task<string> DescribeAsync()
    {
        string screen;
        try
        {
            screen = await ScreenAsync();
        }
        catch (CliWrap.Exceptions.CommandExecutionException e)
        {
            screen = "(no screen: " + e.Message + ")";
        }

        return $"=== {Name} ({Pane}) screen:\n{screen}\n=== {Name} model:\n{Model.Describe()}";
    }
}
