using System.Globalization;
using System.Runtime.InteropServices;
using SessionBridge.Server.Cli.Board;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>
/// <c>session-bridge watch</c>: the board, redrawn in the terminal's alternate screen when a state file changes,
/// when the terminal is resized and every <see cref="BoardLimits.ScreenRefresh"/> (screens are not files).
/// q or Ctrl-C quits and gives the terminal back as it was. Without a terminal, runs the alerts alone.
/// </summary>
internal sealed class LiveBoard(CliContext context, WatchSettings settings, TeamsBoard board)
{
    private const string EnterAlternateScreen = "\u001b[?1049h\u001b[H";
    private const string LeaveAlternateScreen = "\u001b[?1049l";

    // Notices printed when the board closes: enough to see what went wrong, not a flood.
    private const int MaxLog = 100;

    private readonly BoardAlerts _alerts = new(settings.HeldAfter);
    private readonly BoardWake _wake = new();

    private readonly List<string> _notices = [];
    private readonly List<string> _log = [];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var quit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watcher = new StateWatcher(context.Options.State.Root, _wake.Set);
        // A team across machines: what other hosts write (registrations, their panes' presence, held messages,
        // supervision) wakes the board too, through the team's bucket watches.
        var remote = context.Bridge.State.Hosts is { } hosts ? hosts.WatchAsync(hosts.TeamBuckets, _ => _wake.Set(), quit.Token) : null;
        await using var notify = settings.Notify is { } command ? new NotifyQueue(command, Notice) : null;
        try
        {
            if (Console.IsOutputRedirected)
                await AlertOnlyAsync(watcher, notify, quit.Token);
            else
                await DrawAsync(watcher, notify, quit);
        }
        catch (OperationCanceledException) when (quit.IsCancellationRequested)
        {
            // q or Ctrl-C: the way to stop watching.
        }

        await quit.CancelAsync();
        if (remote is not null)
            await remote;

        // The board is gone: what went wrong while it ran stays readable in the terminal.
        if (!Console.IsOutputRedirected)
        {
            lock (_log)
            {
                foreach (var line in _log)
                    Console.Error.WriteLine(line);
            }
        }

        return ExitCodes.Ok;
    }

    private async Task DrawAsync(StateWatcher watcher, NotifyQueue? notify, CancellationTokenSource quit)
    {
        var console = context.Console;
        using var resized = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => _wake.Set());
        ReadKeys(quit);
        console.WriteAnsi(EnterAlternateScreen);
        console.Cursor.Hide();
        try
        {
            while (!quit.IsCancellationRequested)
            {
                // A new live display for each size: Spectre keeps the shape it drew last, which a narrower
                // terminal would wrap into garbage.
                var (width, height) = (console.Profile.Width, console.Profile.Height);
                console.Clear();
                var live = new LiveDisplay(console, new Text(""))
                {
                    AutoClear = false,
                    Overflow = VerticalOverflow.Ellipsis,
                    Cropping = VerticalOverflowCropping.Bottom,
                };
                await live.StartAsync(async display =>
                {
                    while (!quit.IsCancellationRequested)
                    {
                        var snapshot = await RefreshAsync(watcher, notify, bell: settings.Bell, quit.Token);
                        display.UpdateTarget(BoardView.Render(console, snapshot, Notices(), width, height, live: true));
                        display.Refresh();
                        await _wake.WaitAsync(BoardLimits.ScreenRefresh, BoardLimits.ChangeDebounce, quit.Token);
                        if ((console.Profile.Width, console.Profile.Height) != (width, height))
                            return;
                    }
                });
            }
        }
        finally
        {
            console.Cursor.Show();
            console.WriteAnsi(LeaveAlternateScreen);
        }
    }

    /// <summary>No terminal to draw on (e.g. run in the background): only the alerts, their failures on stderr.</summary>
    private async Task AlertOnlyAsync(StateWatcher watcher, NotifyQueue? notify, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await RefreshAsync(watcher, notify, bell: false, cancellationToken);
            await _wake.WaitAsync(BoardLimits.ScreenRefresh, BoardLimits.ChangeDebounce, cancellationToken);
        }
    }

    private async Task<BoardSnapshot> RefreshAsync(StateWatcher watcher, NotifyQueue? notify, bool bell, CancellationToken cancellationToken)
    {
        watcher.Attach();
        var snapshot = await board.BuildAsync(BoardLimits.MessageWindow, cancellationToken);
        var alerts = _alerts.Next(snapshot);
        foreach (var alert in alerts)
            notify?.Add(alert);
        if (bell && alerts.Count > 0)
        {
            // Straight to the terminal: a bell moves no cursor, so the live display need not know.
            Console.Out.Write('\a');
            Console.Out.Flush();
        }

        return snapshot;
    }

    /// <summary>q quits. Keys are read all the time the board runs, so none is echoed over it.</summary>
    private void ReadKeys(CancellationTokenSource quit)
    {
        if (Console.IsInputRedirected)
            return;
        var reader = new Thread(() =>
        {
            try
            {
                while (!quit.IsCancellationRequested)
                {
                    var key = Console.ReadKey(intercept: true);
                    if (key.KeyChar is 'q' or 'Q')
                    {
                        quit.Cancel();
                        _wake.Set();
                    }
                }
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or ObjectDisposedException)
            {
                // No keyboard after all: Ctrl-C still quits.
            }
        })
        {
            IsBackground = true,
            Name = "watch keys",
        };
        reader.Start();
    }

    private void Notice(string notice)
    {
        var line = context.Clock.GetLocalNow().ToString("HH:mm:ss ", CultureInfo.InvariantCulture) + notice;
        lock (_log)
        {
            if (_log.Count < MaxLog)
                _log.Add(line);
            _notices.Add(line);
            if (_notices.Count > BoardLimits.Notices)
                _notices.RemoveAt(0);
        }

        if (Console.IsOutputRedirected)
            Console.Error.WriteLine(line);
        _wake.Set();
    }

    private List<string> Notices()
    {
        lock (_log)
            return [.. _notices];
    }
}
