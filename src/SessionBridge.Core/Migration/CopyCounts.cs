namespace SessionBridge.Migration;

/// <summary>What <see cref="StoreCopy"/> copied, kind by kind; <paramref name="LinesAlreadyThere"/> were in the destination before (a re-run).</summary>
/// <param name="Messages">Messages of the conversation, each also in its recipient's mailbox.</param>
/// <param name="StatusLines">Later lines saying what became of a held message.</param>
/// <param name="Held">Messages held for a role, across every role.</param>
internal sealed record CopyCounts(
    int Registrations,
    int Prompts,
    int Sessions,
    int Supervised,
    int Requests,
    int Messages,
    int StatusLines,
    int LinesAlreadyThere,
    int ReadMarks,
    int Held
)
{
    /// <summary>In words, for a person: "3 registrations, 2 prompts, …".</summary>
    public string Describe()
    {
        var parts = new List<string>
        {
            Count(Registrations, "registration"),
            Count(Prompts, "prompt"),
            Count(Sessions, "role session"),
            Count(Supervised, "supervised role"),
            Count(Requests, "permission request"),
            Count(Messages, "message") + " and " + Count(StatusLines, "status line"),
            Count(ReadMarks, "read mark"),
            Count(Held, "held message"),
        };
        var text = string.Join(", ", parts);
        return LinesAlreadyThere > 0 ? $"{text} ({Count(LinesAlreadyThere, "line")} already there, not copied again)" : text;
    }

    private static string Count(int count, string noun) => $"{count:N0} {noun}{(count == 1 ? "" : "s")}";
}
