using Microsoft.Playwright;

namespace SessionBridge.Web.Tests.Infrastructure;

/// <summary>
/// Debian's chromium (<c>apt-get install chromium</c>, as .ci/run does), driven by Playwright's driver from its NuGet
/// package: no browser is downloaded. Where it is not installed the browser specs skip, saying so.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public const string Missing = $"{ExecutablePath} is not installed (apt-get install chromium): the browser specs need it.";

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // CI runs as root, where chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A new page (its own cookies) at the board's first URL, or a skip where chromium is absent.</summary>
    public async Task<IPage> OpenAsync(BoardProcess board, int width = 1280, int height = 900)
    {
        Assert.SkipWhen(Browser is null, Missing);
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        // A bound on a hang, not a speed figure.
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(board.Url);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
