namespace SessionBridge.EndToEnd.Specs;

/// <summary>AskUserQuestion inputs the scripted model asks with, shared by the specs that put a peer on a menu.</summary>
internal static class Questions
{
    public const string Database = "Which database should the service use?";

    /// <summary>One question, three options: PostgreSQL (under the cursor), SQLite, Redis.</summary>
    public static readonly object DatabaseMenu = new
    {
        questions = new[]
        {
            new
            {
                question = Database,
                header = "Database",
                multiSelect = false,
                options = new[]
                {
                    new { label = "PostgreSQL", description = "Relational, battle-tested" },
                    new { label = "SQLite", description = "Embedded, zero setup" },
                    new { label = "Redis", description = "In-memory key-value" },
                },
            },
        },
    };
}
