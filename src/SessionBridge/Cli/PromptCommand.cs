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
        command.SetAction((result, _) => CommandRunner.RunAsync(context, () =>
        {
            var prompt = context.Bridge.Briefings.Get(result.GetValue(role));
            if (result.GetValue(json))
                context.WriteJson(prompt);
            else if (prompt.Found)
                context.Output.WriteLine(prompt.Prompt);
            else
                return Task.FromResult(CommandRunner.Fail(context, $"No prompt is saved for {prompt.Role}. Save one with `session-bridge prompt set {prompt.Role} \"…\"`."));
            return Task.FromResult(ExitCodes.Ok);
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
            var saved = context.Bridge.Briefings.Set(result.GetValue(role), prompt);
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
        command.SetAction((result, _) => CommandRunner.RunAsync(context, () =>
        {
            var prompts = context.Bridge.Briefings.List();
            if (result.GetValue(json))
            {
                context.WriteJson(prompts);
                return Task.FromResult(ExitCodes.Ok);
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
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var role = new Argument<string>("role");
        var json = CommonOptions.Json();
        var command = new Command("delete", "Forget a role's prompt.") { role, json };
        command.SetAction((result, _) => CommandRunner.RunAsync(context, () =>
        {
            var deleted = context.Bridge.Briefings.Delete(result.GetValue(role));
            if (context.Json)
                context.WriteJson(deleted);
            else if (deleted.Deleted)
                context.Console.MarkupLineInterpolated($"[green]deleted[/] the prompt for {deleted.Role}");
            else
                context.Console.MarkupLineInterpolated($"no prompt was saved for {deleted.Role}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count:N0} {noun}s";
}
