using System.Globalization;
using SessionBridge.Bridge;
using SessionBridge.State;
using Spectre.Console;

namespace SessionBridge.Server.Cli;

/// <summary>One message as a line a person reads: time, sender → recipient, what happened, the text.</summary>
internal static class MessagePrinter
{
    public static void Write(IAnsiConsole console, MessageRecord message)
    {
        var time = message.Ts.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var from = Styles.ForRole(message.From);
        var to = Styles.ForRole(message.To);
        var note = message.Delivered ? "" : " [red](not delivered)[/]";
        if (message.Status is DeliveryStatus.Queued or DeliveryStatus.Typed)
            note = $" [yellow]({message.Status.Value.ToWireName()})[/]";
        console.MarkupLine(
            $"[grey]{time}[/] [{from.ToMarkup()}]{Markup.Escape(message.From)}[/] → "
                + $"[{to.ToMarkup()}]{Markup.Escape(message.To)}[/]{note} [grey]#{message.Id}[/]"
        );
        foreach (var line in message.Text.Split('\n'))
            console.WriteLine("    " + line);
    }
}
