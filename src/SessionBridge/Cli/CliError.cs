namespace SessionBridge.Server.Cli;

/// <summary>An error as <c>--json</c> prints it: <c>{"error":{"code":…,"message":…}}</c>.</summary>
internal sealed record CliError(CliErrorBody Error);

/// <summary><c>code</c> is the error's kind (invalid_argument, not_registered, no_pane, state, tmux, usage).</summary>
internal sealed record CliErrorBody(string Code, string Message);
