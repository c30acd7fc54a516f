namespace SessionBridge.Domain;

/// <summary>
/// A role such as "dev" or "gestor". Roles name files (mailbox/&lt;role&gt;.jsonl), so only
/// <c>^[a-z0-9][a-z0-9_-]{0,31}$</c> is accepted; anything else is refused, never rewritten.
/// </summary>
internal readonly record struct RoleName
{
    private RoleName(string value) => Value = value;

    public string Value { get; }

    /// <summary>
    /// The person at the keyboard: the sender of a command-line send and the decider of what they answer. Reserved,
    /// never a role, so <c>[from:person]</c> always means them. (Logs before it may say "human".)
    /// </summary>
    public const string Person = "person";

    public override string ToString() => Value;

    // A loop, not a regex: the hook checks a role on every restore, and the first regex a process uses costs it more
    // than the rest of its check.
    public static bool IsValid(string? value) =>
        value is { Length: >= 1 and <= 32 }
        && (char.IsAsciiLetterLower(value[0]) || char.IsAsciiDigit(value[0]))
        && value.AsSpan(1).IndexOfAnyExcept(Allowed) < 0;

    private static ReadOnlySpan<char> Allowed => "abcdefghijklmnopqrstuvwxyz0123456789_-";

    /// <summary>Parses a role from a tool argument named <paramref name="argument"/>; throws a <see cref="BridgeException"/> that says what a valid role looks like.</summary>
    public static RoleName Parse(string? value, string argument = "role")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new BridgeException(
                $"{{arg:{argument}}} is empty. Give a role name such as \"dev\", \"gestor\" or \"reviewer\"."
            );
        }

        if (IsValid(value))
            return new RoleName(value);

        var hint = "";
        var lowered = value.Trim().ToLowerInvariant();
        if (IsValid(lowered))
            hint = $" Did you mean \"{lowered}\"? Role names are lower case.";

        var shown = value.Length > 40 ? value[..40] + "…" : value;
        throw new BridgeException(
            $"{{arg:{argument}}} \"{shown}\" is not a valid role name: use 1-32 characters of a-z, 0-9, '-' and '_', "
                + $"starting with a letter or digit (for example \"dev\" or \"code-reviewer\").{hint}"
        );
    }

    /// <summary>For names read back from our own files, which were validated when written.</summary>
    internal static RoleName Trusted(string value) => new(value);
}
