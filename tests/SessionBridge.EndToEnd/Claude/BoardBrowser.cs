using Microsoft.Playwright;

namespace SessionBridge.EndToEnd.Claude;

/// <summary>
/// Debian's chromium (<c>apt-get install chromium</c>), driven by Playwright's driver from its NuGet package, to open
/// the web board as a person does. Where it is not installed the page specs skip, saying so.
/// </summary>
public sealed class BoardBrowser : IAsyncLifetime
{
    private const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            return;
        _playwright = await Playwright.CreateAsync();
        // CI runs as root, where chromium's sandbox cannot start.
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>A new page (its own cookies) at the board's first URL, or a skip where chromium is absent.</summary>
    public async Task<IPage> OpenAsync(WebBoard board)
    {
        Assert.SkipWhen(_browser is null, $"{ExecutablePath} is not installed (apt-get install chromium): the page specs need it.");
        var context = await _browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        // A bound on a hang, not a speed figure.
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(board.Url);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
