namespace SessionBridge.Supervision;

/// <summary>One of AskUserQuestion's questions, as its tool input gives it: the text, the header and the option labels.</summary>
internal sealed record RequestQuestion(string Question, string? Header, IReadOnlyList<string> Options, bool MultiSelect);
