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
            var prompt = context.Bridge.GetPrompt(result.GetValue(role));
            if (result.GetValue(json))
                context.WriteJson(prompt);
            else if (prompt.Found)
                context.Output.WriteLine(prompt.Prompt);
            else
                return Task.FromResult(CommandRunner.Fail(context, $"no prompt is saved for {prompt.Role}"));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Set(CliContext context)
    {
        var role = new Argument<string>("role");
        var text = new Argument<string>("prompt") { Description = "The briefing; - reads it from standard input." };
        var command = new Command("set", "Save a role's prompt.") { role, text };
        command.SetAction((result, ct) => CommandRunner.RunAsync(context, async () =>
        {
            var prompt = result.GetValue(text);
            if (prompt == "-")
                prompt = await Console.In.ReadToEndAsync(ct);
            var saved = context.Bridge.SetPrompt(result.GetValue(role), prompt);
            context.Console.MarkupLineInterpolated($"[green]saved[/] the prompt for {saved.Role} ({saved.Prompt?.Length} characters)");
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
            var prompts = context.Bridge.ListPrompts();
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
        var command = new Command("delete", "Forget a role's prompt.") { role };
        command.SetAction((result, _) => CommandRunner.RunAsync(context, () =>
        {
            var deleted = context.Bridge.DeletePrompt(result.GetValue(role));
            context.Console.MarkupLineInterpolated(
                $"{(deleted.Deleted ? "[green]deleted[/] the prompt for" : "no prompt was saved for")} {deleted.Role}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
