namespace SessionBridge.Server.Cli.Board;

/// <summary>One call for a person: which peer, in which state, asking what, who decides; for a held message, its id.</summary>
internal sealed record BoardAlert(
    AlertKind Kind,
    string Role,
    string Pane,
    ListedState State,
    string? Question,
    string? MessageId = null,
    string? Supervisor = null
)
{
    /// <summary>
    /// What a notify command is told, in its environment only: never spliced into the command, so a question
    /// with quotes or <c>$(…)</c> in it is data, not shell.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment =>
        new Dictionary<string, string>
        {
            ["SESSION_BRIDGE_EVENT"] = Kind switch
            {
                AlertKind.Held => "held",
                _ => "waiting",
            },
            ["SESSION_BRIDGE_ROLE"] = Role,
            ["SESSION_BRIDGE_STATE"] = State.ToWireName(),
            ["SESSION_BRIDGE_QUESTION"] = Question ?? "",
            ["SESSION_BRIDGE_PANE"] = Pane,
            ["SESSION_BRIDGE_MESSAGE_ID"] = MessageId ?? "",
            ["SESSION_BRIDGE_SUPERVISOR"] = Supervisor ?? "",
        };

    /// <summary>One line for a person: the board's notices and the log.</summary>
    public string Describe() =>
        Kind == AlertKind.Held
            ? $"{Role} ({Pane}) has had message #{MessageId} held"
            : $"{Role} ({Pane}) is {State.ToWireName()}" + (Question is null ? "" : $": {Question}")
                + (Supervisor is null ? "" : $" ({Supervisor} decides)");
}
