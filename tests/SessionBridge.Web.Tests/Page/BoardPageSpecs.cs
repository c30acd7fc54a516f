using Microsoft.Playwright;
using SessionBridge.Web.Tests.Infrastructure;

namespace SessionBridge.Web.Tests.Page;

/// <summary>
/// The page's contract in a real browser, on the stand-in Claude Code: one element per role with its team and state,
/// updated without a reload; a message typed there reaches the role; a click shows the role's screen as text.
/// </summary>
public sealed class BoardPageSpecs(PrivateTmuxServer tmux, Chromium chromium)
    : IClassFixture<PrivateTmuxServer>, IClassFixture<Chromium>, IDisposable
{
    private readonly BoardRig _rig = new(tmux);

    /// <summary>dev: the fake Claude Code with the real hook, so its state comes from its hooks.</summary>
    private async Task<(string Pane, string Log)> DevAsync(string more = "")
    {
        var (pane, log) = await tmux.StartFakeClaudeAsync($"--hook '{BuiltExecutables.Hook}' --state '{_rig.State}' {more}");
        await _rig.RegisterAsync("dev", pane);
        return (pane, log);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_role_shows_its_team_and_state_and_turns_idle_without_a_reload_when_its_turn_ends()
    {
        // Arrange
        Assert.SkipWhen(chromium.Browser is null, Chromium.Missing);
        await DevAsync("--busy 3");
        await using var board = await _rig.BoardAsync();
        var page = await chromium.OpenAsync(board);
        var dev = page.Locator("[data-role=dev][data-state]");
        await Assertions.Expect(dev).ToHaveAttributeAsync("data-team", "default");

        // Act
        await page.GetByLabel("Message to dev", new() { Exact = true }).FillAsync("Work for three seconds.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to dev", Exact = true }).ClickAsync();

        // Assert
        await Assertions.Expect(dev).ToHaveAttributeAsync("data-state", "busy");
        await Assertions.Expect(dev).ToHaveAttributeAsync("data-state", "idle");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_message_typed_in_the_page_reaches_the_role_as_sent_by_the_person()
    {
        // Arrange
        Assert.SkipWhen(chromium.Browser is null, Chromium.Missing);
        var (_, log) = await DevAsync();
        await using var board = await _rig.BoardAsync();
        var page = await chromium.OpenAsync(board);

        // Act
        await page.GetByLabel("Message to dev", new() { Exact = true }).FillAsync("Please run the linter.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to dev", Exact = true }).ClickAsync();

        // Assert
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(log).Any(m => m.Contains("Please run the linter.")), "dev's prompt to take the message");
        PrivateTmuxServer.Submitted(log).Single().Should().Contain("person");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task A_click_on_a_role_shows_its_screen_as_text()
    {
        // Arrange
        Assert.SkipWhen(chromium.Browser is null, Chromium.Missing);
        await DevAsync();
        await using var board = await _rig.BoardAsync();
        var page = await chromium.OpenAsync(board);

        // Act
        await page.Locator("[data-role=dev][data-state] h2").ClickAsync();

        // Assert
        var screen = page.Locator("[data-screen=dev]");
        await Assertions.Expect(screen).ToContainTextAsync("❯");
        await Assertions.Expect(screen).ToContainTextAsync("? for shortcuts");
        (await screen.EvaluateAsync<string>("e => e.tagName")).Should().Be("PRE", "the screen is text, not a canvas");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task The_board_of_one_team_shows_only_its_roles_and_all_shows_every_team()
    {
        // Arrange: two teams in one state directory, each with one role.
        Assert.SkipWhen(chromium.Browser is null, Chromium.Missing);
        await _rig.RunAsync("register", "dev", "--pane", await tmux.StartPaneAsync("sleep 86400"), "--team", "alpha");
        await _rig.RunAsync("register", "reviewer", "--pane", await tmux.StartPaneAsync("sleep 86400"), "--team", "beta");

        // Act
        await using var alpha = await _rig.BoardAsync("--team", "alpha");
        await using var all = await _rig.BoardAsync("--all");
        var one = await chromium.OpenAsync(alpha);
        var both = await chromium.OpenAsync(all);

        // Assert
        await Assertions.Expect(one.Locator("[data-role=dev][data-state]")).ToHaveAttributeAsync("data-team", "alpha");
        await Assertions.Expect(one.Locator("[data-role][data-state]")).ToHaveCountAsync(1);
        await Assertions.Expect(both.Locator("[data-role=dev][data-state]")).ToHaveAttributeAsync("data-team", "alpha");
        await Assertions.Expect(both.Locator("[data-role=reviewer][data-state]")).ToHaveAttributeAsync("data-team", "beta");
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task With_two_teams_that_both_have_a_dev_each_devs_controls_name_its_team_and_a_message_reaches_that_dev_only()
    {
        // Arrange: a dev in team alpha and a dev in team beta, the board over both.
        Assert.SkipWhen(chromium.Browser is null, Chromium.Missing);
        var (alpha, alphaLog) = await tmux.StartFakeClaudeAsync();
        var (beta, betaLog) = await tmux.StartFakeClaudeAsync();
        await _rig.RunAsync("register", "dev", "--pane", alpha, "--team", "alpha");
        await _rig.RunAsync("register", "dev", "--pane", beta, "--team", "beta");
        await using var board = await _rig.BoardAsync("--all");
        var page = await chromium.OpenAsync(board);
        await Assertions.Expect(page.Locator("[data-role=dev][data-state]")).ToHaveCountAsync(2);

        // Act
        await page.GetByLabel("Message to dev in beta", new() { Exact = true }).FillAsync("Only for beta.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send to dev in beta", Exact = true }).ClickAsync();

        // Assert
        await Eventually.WaitAsync(() => PrivateTmuxServer.Submitted(betaLog).Any(m => m.Contains("Only for beta.")), "beta's dev to take the message");
        PrivateTmuxServer.Submitted(alphaLog).Should().BeEmpty();
        await Assertions.Expect(page.GetByLabel("Message to dev in alpha", new() { Exact = true })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Supervise dev in alpha", Exact = true })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByLabel("Message to dev", new() { Exact = true })).ToHaveCountAsync(0);
    }

    [Fact(Timeout = Timeouts.Spec)]
    public async Task I_can_supervise_a_role_from_the_page_and_its_card_shows_the_person_as_its_supervisor()
    {
        // Arrange
        Assert.SkipWhen(chromium.Browser is null, Chromium.Missing);
        await DevAsync();
        await using var board = await _rig.BoardAsync();
        var page = await chromium.OpenAsync(board);

        // Act
        await page.GetByRole(AriaRole.Button, new() { Name = "Supervise dev", Exact = true }).ClickAsync();

        // Assert
        await Assertions.Expect(page.Locator("[data-role=dev][data-state] .facts")).ToContainTextAsync("supervised by person");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Stop supervising dev", Exact = true })).ToBeVisibleAsync();
        (await _rig.Cli.RunAsync("peers", "--json")).StandardOutput.Should().Contain("person");
    }

    public void Dispose() => _rig.Dispose();
}
