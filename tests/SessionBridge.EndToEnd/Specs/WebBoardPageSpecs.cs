using Microsoft.Playwright;
using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;

namespace SessionBridge.EndToEnd.Specs;

/// <summary>The web board's page in a real browser over real Claude Code sessions: what a person sees and clicks.</summary>
public sealed class WebBoardPageSpecs(ClaudeInstallation claude, BoardBrowser browser) : IClassFixture<BoardBrowser>
{
    private const string Marker = "page-marker.txt";

    [Fact(Timeout = Timeouts.ClaudeCode)]
    public async Task Devs_Bash_request_shows_its_exact_command_on_the_page_and_one_click_on_Yes_runs_it_through_devs_hook()
    {
        // Arrange: dev in default mode, supervised by gestor, asks to run a Bash command; the person has the page open.
        await using var world = await ClaudeWorld.CreateAsync(claude, hook: HookExecutable.Path);
        var (gestor, dev) = await world.StartGestorAndDevAsync();
        var supervise = await world.Bridge().RunAsync("supervise", "dev", "--by", "gestor");
        supervise.ExitCode.Should().Be(0, supervise.StandardOutput + supervise.StandardError);
        await using var board = await WebBoard.StartAsync(world);
        var page = await browser.OpenAsync(board);
        await page.Locator("[data-role=dev][data-state]").First.WaitForAsync();
        const string command = $"touch {Marker} && echo \"<b>done</b>\"";
        dev.Model.Enqueue(Turn.Call("Bash", new { command, description = "Create the marker file" }), Turn.Reply("Marker step over."));
        gestor.Model.Enqueue(Turn.Reply("Noted."));
        await dev.TypeAsync("Create the marker file.");
        var id = (await board.PendingAsync("dev")).GetProperty("id").GetString();
        var card = page.Locator($"[data-request=\"{id}\"][data-role=dev]");

        // Act
        await Assertions.Expect(card).ToContainTextAsync(command);
        await card.GetByRole(AriaRole.Button, new() { Name = "Yes", Exact = true }).ClickAsync();

        // Assert: the command ran through dev's hook, and the card left the page.
        await Eventually.WaitAsync(() => File.Exists(Path.Combine(dev.Directory, Marker)), "the command to run", TimeSpan.FromSeconds(30));
        await dev.WaitForScreenAsync(s => s.Contains("Marker step over.", StringComparison.Ordinal), "dev going on");
        (await dev.ScreenAsync()).Should().Contain("PermissionRequest hook");
        await Assertions.Expect(card).ToHaveCountAsync(0);
    }
}
