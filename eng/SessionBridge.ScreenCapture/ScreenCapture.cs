using SessionBridge.EndToEnd.Claude;
using SessionBridge.EndToEnd.Model;

namespace SessionBridge.ScreenCapture;

/// <summary>
/// Drives the real Claude Code into the screens detect_question must read (menus, permission prompts, plan
/// approval, folder trust, busy, queued, interrupted, idle, a question in prose) at 80x24, 120x30 and 200x50, and
/// saves each as <c>tmux capture-pane -p</c> prints it, into <paramref name="folder"/>. The screens are then
/// labelled by hand in that folder's labels.json.
/// </summary>
internal sealed class ScreenCapture(ClaudeInstallation claude, string folder)
{
    private static readonly (int Width, int Height)[] Sizes = [(80, 24), (120, 30), (200, 50)];

    private static readonly string LongCommand =
        "mkdir -p build/release/artifacts && cp -r src/services/billing/migrations build/release/artifacts/ "
        + "&& tar --exclude='*.tmp' -czf build/release/billing-service-2026-11-24.tar.gz -C build/release artifacts "
        + "&& sha256sum build/release/billing-service-2026-11-24.tar.gz > build/release/SHA256SUMS";

    private readonly string _folder = Directory.CreateDirectory(folder).FullName;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // A world (HOME) per session: a Claude Code killed mid-run leaves a note that makes the next one in the
        // same HOME start with its classic renderer.
        foreach (var (width, height) in Sizes)
        {
            var size = $"{width}x{height}";
            await using (var world = await ClaudeWorld.CreateAsync(claude))
            {
                await File.WriteAllTextAsync(
                    Path.Combine(world.Project, "app.py"),
                    "def main():\n    print(\"hello from the shop\")\n\n\nif __name__ == \"__main__\":\n    main()\n",
                    cancellationToken);
                await ConversationAsync(world, width, height, size);
            }

            await using (var world = await ClaudeWorld.CreateAsync(claude))
                await PlanApprovalAsync(world, width, height, size);
            await using (var world = await ClaudeWorld.CreateAsync(claude))
                await FolderTrustAsync(world, width, height, size);
        }
    }

    // Escape on a menu or permission prompt ends the turn without asking the model again: nothing follows
    // those calls in the script.
    private async Task ConversationAsync(ClaudeWorld world, int width, int height, string size)
    {
        var session = await world.StartSessionAsync("main", new SessionOptions { Width = width, Height = height });
        var model = session.Model;
        await SaveAsync(session, "idle-fresh", size);

        model.Enqueue(Turn.Reply("I can set that up. Which port should the service listen on?"));
        await session.TypeAsync("Set up the service.");
        await WaitForAsync(session, "Which port should");
        await SaveAsync(session, "question-in-prose", size);

        var app = Path.Combine(world.Project, "app.py");
        model.Enqueue(
            Turn.Call("Read", new { file_path = app }),
            Turn.Reply("app.py defines main(), which prints a greeting. Does it need anything else? No, it is complete."));
        await session.TypeAsync("What does app.py do?");
        await WaitForAsync(session, "it is complete.");
        await SaveAsync(session, "idle-after-tool-output", size);

        model.Enqueue(Turn.Call("AskUserQuestion", Question("Which database should the service use?", "Database", false,
            ("PostgreSQL", "Relational, battle-tested"), ("SQLite", "Embedded, zero setup"), ("Redis", "In-memory key-value"))));
        await session.TypeAsync("Ask me which database the service should use.");
        await WaitForAsync(session, "Enter to select");
        await SaveAsync(session, "ask-select", size);
        await session.PressAsync("Down", "Down");
        await WaitForAsync(session, "\u276f 3.");
        await SaveAsync(session, "ask-select-cursor-moved", size);
        await session.PressAsync("Escape");
        await WaitUntilIdleAsync(session);

        model.Enqueue(Turn.Call("AskUserQuestion", Question("Which features should the first release include?", "Features", true,
            ("Invoices", "PDF invoices per order"), ("Refunds", "Partial and full refunds"),
            ("Webhooks", "Notify other services"), ("Audit log", "Who changed what, when"))));
        await session.TypeAsync("Ask me which features the first release should include.");
        await WaitForAsync(session, "Which features should the first release include?");
        await SaveAsync(session, "ask-multi-select", size);
        await session.PressAsync("Space", "Down", "Down");
        await WaitForAsync(session, "\u276f 3.");
        await SaveAsync(session, "ask-multi-select-one-ticked", size);
        await session.PressAsync("Escape");
        await WaitUntilIdleAsync(session);

        model.Enqueue(Turn.Call("Bash", new { command = LongCommand, description = "Package the billing release" }));
        await session.TypeAsync("Package the billing release.");
        await WaitForAsync(session, "Do you want to proceed?");
        await SaveAsync(session, "permission-bash-long-command", size);
        await session.PressAsync("Escape");
        await WaitForAsync(session, "What should Claude do instead?");
        await SaveAsync(session, "interrupted-after-rejecting-permission", size);

        model.Enqueue(Turn.Call("Write", new { file_path = Path.Combine(world.Project, "NOTES.md"), content = "# Notes\n\n- ship billing on Friday\n" }));
        await session.TypeAsync("Write the release notes.");
        await WaitForAsync(session, "Do you want to create");
        await SaveAsync(session, "permission-write", size);
        await session.PressAsync("Escape");
        await WaitUntilIdleAsync(session);

        model.Enqueue(
            Turn.Call("Read", new { file_path = app }),
            Turn.Call("Edit", new { file_path = app, old_string = "hello from the shop", new_string = "hello from the billing service" }));
        await session.TypeAsync("Change the greeting in app.py.");
        await WaitForAsync(session, "Do you want to make this edit");
        await SaveAsync(session, "permission-edit", size);
        await session.PressAsync("Escape");
        await WaitUntilIdleAsync(session);

        var longJob = new TaskCompletionSource();
        model.Enqueue(Turn.Reply("The long job is done.") with { Hold = longJob.Task }, Turn.Reply("Docs updated."));
        await session.TypeAsync("Run the long job.");
        await WaitForElapsedAsync(session);
        await SaveAsync(session, "busy-streaming", size);
        await session.TypeAsync("Also update the docs when that is done.");
        await WaitForAsync(session, "queued messages", "Queued");
        await SaveAsync(session, "busy-with-queued-message", size);
        longJob.SetResult();
        await WaitForAsync(session, "Docs updated.");
        await WaitUntilIdleAsync(session);

        var never = new TaskCompletionSource();
        model.Enqueue(Turn.Reply("never shown") with { Hold = never.Task });
        await session.TypeAsync("Refactor the whole billing service.");
        await WaitForElapsedAsync(session);
        await session.PressAsync("Escape");
        // Interrupted before any output, Claude Code puts the message back into the input box.
        await session.WaitForScreenAsync(s => !s.Contains("esc to interrupt", StringComparison.Ordinal), "the interrupt");
        await SaveAsync(session, "interrupted-while-busy", size);
        never.SetResult();
        await session.PressAsync("C-u");

        var halfway = new TaskCompletionSource();
        model.Enqueue(Turn.Reply("never shown") with { Hold = halfway.Task, Lead = "Looking at the invoices module first.\n\nIt has three entry points.\n\n" });
        await session.TypeAsync("Split the invoices module.");
        await WaitForAsync(session, "three entry points");
        await session.PressAsync("Escape");
        await session.WaitForScreenAsync(s => !s.Contains("esc to interrupt", StringComparison.Ordinal), "the interrupt");
        await SaveAsync(session, "interrupted-mid-answer", size);
        halfway.SetResult();

        var compacting = new TaskCompletionSource();
        model.SideHold = compacting.Task;
        model.Enqueue(Turn.Reply("Summary: set up the billing service; packaging was declined.") with { Hold = compacting.Task });
        await session.TypeAsync("/compact");
        await WaitForAsync(session, "ompacting");
        await WaitForElapsedAsync(session);
        await SaveAsync(session, "compacting", size);
        compacting.SetResult();
        model.SideHold = null;
        await WaitUntilIdleAsync(session, TimeSpan.FromSeconds(60));

        await session.TypeAsync("/clear");
        // The old conversation is gone from the screen once /clear has run.
        await session.WaitForScreenAsync(s => !s.Contains("three entry points", StringComparison.Ordinal), "the screen cleared");
        await WaitUntilIdleAsync(session);
        await SaveAsync(session, "idle-after-clear", size);
        await session.KillAsync();
    }

    private async Task PlanApprovalAsync(ClaudeWorld world, int width, int height, string size)
    {
        var session = await world.StartSessionAsync("plan", new SessionOptions
        {
            Width = width,
            Height = height,
            Arguments = ["--permission-mode", "plan"],
        });
        session.Model.Enqueue(Turn.Call("ExitPlanMode", new
        {
            plan = "# Users table\n\n1. Add a migration for `users` (id, email, created_at).\n2. Add the model and its tests.\n3. Run the migrations.",
        }));
        await session.TypeAsync("Plan the users table.");
        await WaitForAsync(session, "Claude wants to exit plan mode");
        await SaveAsync(session, "plan-approval", size);
        await session.KillAsync();
    }

    private async Task FolderTrustAsync(ClaudeWorld world, int width, int height, string size)
    {
        var untrusted = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(world.Project)!, "downloads")).FullName;
        var session = await world.StartSessionAsync("trust", new SessionOptions
        {
            Width = width,
            Height = height,
            Directory = untrusted,
            WaitUntilReady = false,
        });
        await WaitForAsync(session, "trust");
        await SaveAsync(session, "folder-trust", size);
        await session.KillAsync();
    }

    private static object Question(string question, string header, bool multiSelect, params (string Label, string Description)[] options) =>
        new
        {
            questions = new[]
            {
                new
                {
                    question,
                    header,
                    multiSelect,
                    options = options.Select(o => new { label = o.Label, description = o.Description }).ToArray(),
                },
            },
        };

    private static Task<string> WaitForAsync(ClaudeSession session, params string[] anyOf) =>
        session.WaitForScreenAsync(s => anyOf.Any(a => s.Contains(a, StringComparison.Ordinal)), string.Join(" or ", anyOf));

    private static Task<string> WaitUntilIdleAsync(ClaudeSession session, TimeSpan? timeout = null) =>
        session.WaitForScreenAsync(
            s => s.Contains("? for shortcuts", StringComparison.Ordinal) && !s.Contains("esc to interrupt", StringComparison.Ordinal),
            "idle",
            timeout);

    private async Task SaveAsync(ClaudeSession session, string name, string size)
    {
        // Let the last frame land: Claude Code redraws a moment after the state changes. A screen that
        // reads the same twice running has landed; an animated one (a spinner) is saved as it stands.
        var screen = await session.RawScreenAsync();
        try
        {
            await Eventually.WaitAsync(
                async () =>
                {
                    var next = await session.RawScreenAsync();
                    var landed = next == screen;
                    screen = next;
                    return landed;
                },
                "the screen to stop changing",
                TimeSpan.FromSeconds(2)
            );
        }
        catch (TimeoutException)
        {
            // Animated: the spinner never holds still.
        }

        await File.WriteAllTextAsync(Path.Combine(_folder, $"{name}-{size}.txt"), screen);
    }

    /// <summary>A spinner that has counted at least a second: the busy screen has drawn its whole status line.</summary>
    private static Task<string> WaitForElapsedAsync(ClaudeSession session) =>
        session.WaitForScreenAsync(s => System.Text.RegularExpressions.Regex.IsMatch(s, @"\((?:[1-9]\d*m )?[1-9]\d*s\b"), "a spinner counting seconds");
}
