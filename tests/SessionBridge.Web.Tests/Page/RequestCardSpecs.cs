using Microsoft.Playwright;
using SessionBridge.Web.Tests.Infrastructure;

namespace SessionBridge.Web.Tests.Page;

/// <summary>
/// A pending request on the page: its exact input, one button per option named by its label, a Reason box that No
/// uses. One click answers through the role's hook, and the card leaves the page. On a phone it fits.
/// </summary>
public sealed class RequestCardSpecs(PrivateTmuxServer tmux, Chromium chromium)
    : IClassFixture<PrivateTmuxServer>, IClassFixture<Chromium>, IDisposable
{
    private readonly BoardRig _rig = new(tmux);

    /// <summary>dev (a fake menu on screen) supervised by gestor, its PermissionRequest hook waiting; the board open.</summary>
    private async Task<(BoardProcess Board, BackgroundHook Hook, ILocator Card, IPage Page)> PendingAsync(string stdin, int width = 1280, int height = 900)
    {
        Assert.SkipWhen(chromium.Browser is null, Chromium.Missing);
        var (dev, _) = await tmux.StartFakeMenuAsync();
        await _rig.RegisterAsync("dev", dev);
        await _rig.RegisterAsync("gestor", await tmux.StartPaneAsync("sleep 86400"));
        await _rig.RunAsync("supervise", "dev", "--by", "gestor");
        var board = await _rig.BoardAsync();
        var page = await chromium.OpenAsync(board, width, height);
        await page.Locator("[data-role=dev][data-state]").WaitForAsync();
        var hook = _rig.Hook(dev, stdin);
        var id = (await BoardRig.PendingAsync(board))[0].GetProperty("id").GetString();
        var card = page.Locator($"[data-request=\"{id}\"][data-role=dev]");
        await card.WaitForAsync();
        return (board, hook, card, page);
    }

    private static ILocator Button(ILocator card, string name) => card.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_permission_shows_its_exact_command_and_Yes_allows_it_with_one_click_and_the_card_leaves()
    {
        // Arrange
        var (board, hook, card, _) = await PendingAsync(BoardRig.Permission("npm test -- --grep 'a \"quoted\" <b>name</b>'"));
        await using var _ = board;
        await Assertions.Expect(card).ToContainTextAsync("npm test -- --grep 'a \"quoted\" <b>name</b>'");
        await Assertions.Expect(Button(card, "Yes, and don't ask again")).ToBeVisibleAsync();
        await Assertions.Expect(Button(card, "No")).ToBeVisibleAsync();

        // Act
        await Button(card, "Yes").ClickAsync();

        // Assert
        BoardRig.Decision(await hook.StdoutAsync()).GetProperty("behavior").GetString().Should().Be("allow");
        await Assertions.Expect(card).ToHaveCountAsync(0);
        (await _rig.Cli.RunAsync("history")).StandardOutput.Should().Contain("decided by person");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task No_denies_with_the_reason_typed_in_its_Reason_box()
    {
        // Arrange
        var (board, hook, card, _) = await PendingAsync(BoardRig.Permission("rm -rf build"));
        await using var _ = board;

        // Act
        await card.GetByLabel("Reason", new() { Exact = true }).FillAsync("Use make clean instead.");
        await Button(card, "No").ClickAsync();

        // Assert
        var decision = BoardRig.Decision(await hook.StdoutAsync());
        decision.GetProperty("behavior").GetString().Should().Be("deny");
        decision.GetProperty("message").GetString().Should().Be("Use make clean instead.");
        await Assertions.Expect(card).ToHaveCountAsync(0);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_question_has_a_button_per_option_named_by_its_label_and_one_click_answers_it()
    {
        // Arrange
        var (board, hook, card, _) = await PendingAsync(BoardRig.Question());
        await using var _ = board;
        await Assertions.Expect(card).ToContainTextAsync(BoardRig.MenuQuestion);
        await Assertions.Expect(card).ToContainTextAsync("Embedded, zero setup");
        foreach (var label in new[] { "PostgreSQL", "SQLite", "Redis" })
            await Assertions.Expect(Button(card, label)).ToHaveCountAsync(1);

        // Act
        await Button(card, "SQLite").ClickAsync();

        // Assert
        var answers = BoardRig.Decision(await hook.StdoutAsync()).GetProperty("updatedInput").GetProperty("answers");
        answers.GetProperty(BoardRig.MenuQuestion).GetString().Should().Be("SQLite");
        await Assertions.Expect(card).ToHaveCountAsync(0);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task On_a_390_by_844_phone_the_page_is_no_wider_than_the_screen_and_the_questions_buttons_are_visible()
    {
        // Arrange
        var (board, _, card, page) = await PendingAsync(BoardRig.Question(), 390, 844);
        await using var __ = board;

        // Act
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        // Assert
        width.Should().BeLessThanOrEqualTo(390, "no sideways scroll");
        foreach (var label in new[] { "PostgreSQL", "SQLite", "Redis" })
        {
            var box = await Button(card, label).BoundingBoxAsync();
            box.Should().NotBeNull();
            (box!.X + box.Width).Should().BeLessThanOrEqualTo(390);
            (box.Y + box.Height).Should().BeLessThanOrEqualTo(844, $"{label} is visible without scrolling");
        }
    }

    public void Dispose() => _rig.Dispose();
}
