namespace SessionBridge.Errors;

/// <summary>Where the state that failed lives, typed so that a caller branches on the kind, never on the text.</summary>
internal sealed record StateOrigin(StateOriginKind Kind, string Where)
{
    public static StateOrigin File(string path) => new(StateOriginKind.File, path);

    public static StateOrigin Nats(string where) => new(StateOriginKind.Nats, where);

    public static StateOrigin Setting(string variable) => new(StateOriginKind.Setting, variable);

    public override string ToString() => $"{Kind} {Where}";
}
