using System.CommandLine;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

internal static class PromptCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("prompt", "Read and change the roles' saved briefings (restored by the hook after /clear).");
        command.Subcommands.Add(Get(context));
        command.Subcommands.Add(Set(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Delete(context));
        return command;
    }

    private static Command Get(CliContext context)
    {
        var role = new Argument<string>("role");
        var json = CommonOptions.Json();
        var command = new Command("get", "Print a role's saved prompt.") { role, json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var prompt = await context.Bridge.Briefings.GetAsync(result.GetValue(role), ct);
            if (result.GetValue(json))
                context.WriteJson(prompt);
            else if (prompt.Found)
                context.Output.WriteLine(prompt.Prompt);
            else
                return CommandRunner.Fail(context, $"No prompt is saved for {prompt.Role}. Save one with `session-bridge prompt set {prompt.Role} \"…\"`.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Set(CliContext context)
    {
        var role = new Argument<string>("role");
        var text = new Argument<string>("prompt") { Description = "The briefing; - reads it from standard input." };
        var json = CommonOptions.Json();
        var command = new Command("set", "Save a role's prompt.") { role, text, json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var prompt = result.GetValue(text);
            if (prompt == "-")
                prompt = await Console.In.ReadToEndAsync(ct);
            var saved = await context.Bridge.Briefings.SetAsync(result.GetValue(role), prompt, ct);
            if (context.Json)
                context.WriteJson(saved);
            else
                context.Console.MarkupLineInterpolated($"[green]saved[/] the prompt for {saved.Role} ({Plural(saved.Prompt?.Length ?? 0, "character")})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List the saved prompts.") { json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var prompts = await context.Bridge.Briefings.ListAsync(ct);
            if (result.GetValue(json))
            {
                context.WriteJson(prompts);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("role", "updated", "prompt");
            foreach (var prompt in prompts.Prompts)
            {
                var firstLine = prompt.Prompt.Split('\n')[0];
                table.AddRow(
                    Markup.Escape(prompt.Role),
                    prompt.UpdatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(firstLine.Length > 60 ? firstLine[..60] + "…" : firstLine)
                );
            }

            context.Console.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var role = new Argument<string>("role");
        var json = CommonOptions.Json();
        var command = new Command("delete", "Forget a role's prompt.") { role, json };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var deleted = await context.Bridge.Briefings.DeleteAsync(result.GetValue(role), ct);
            if (context.Json)
                context.WriteJson(deleted);
            else if (deleted.Deleted)
                context.Console.MarkupLineInterpolated($"[green]deleted[/] the prompt for {deleted.Role}");
            else
                context.Console.MarkupLineInterpolated($"no prompt was saved for {deleted.Role}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count:N0} {noun}s";
}
