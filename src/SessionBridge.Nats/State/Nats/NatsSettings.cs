using System.Net;

namespace SessionBridge.State.Nats;

/// <summary>
/// How this machine reaches its team's shared state on NATS JetStream, from the environment:
/// <c>SESSION_BRIDGE_NATS</c> (one address or a comma-separated list; a user and password or a token may be in
/// the address), <c>SESSION_BRIDGE_NATS_CREDS</c> (a .creds file), <c>SESSION_BRIDGE_NATS_CA</c> (TLS with that CA),
/// <c>SESSION_BRIDGE_TEAM</c> (whose buckets and subjects) and <c>SESSION_BRIDGE_HOST</c> (this machine's name).
/// </summary>
internal sealed record NatsSettings(
    IReadOnlyList<Uri> Servers,
    string? User,
    string? Password,
    string? Token,
    string? CredsFile,
    string? CaFile,
    string Team,
    string Host
)
{
    public const string ServersVariable = "SESSION_BRIDGE_NATS";
    public const string CredsVariable = "SESSION_BRIDGE_NATS_CREDS";
    public const string CaVariable = "SESSION_BRIDGE_NATS_CA";
    public const string TeamVariable = "SESSION_BRIDGE_TEAM";
    public const string HostVariable = "SESSION_BRIDGE_HOST";
    public const string DefaultTeam = "default";

    /// <summary>Whether any credential is given: a server off loopback is refused without one.</summary>
    public bool HasCredentials => User is not null || Token is not null || CredsFile is not null;

    // By value, servers included (a record compares a list by reference): the same environment read twice is the
    // same settings, so NatsTeam.For keeps one connection per process.
    public bool Equals(NatsSettings? other) =>
        other is not null
        && Servers.SequenceEqual(other.Servers)
        && (User, Password, Token, CredsFile, CaFile, Team, Host) == (other.User, other.Password, other.Token, other.CredsFile, other.CaFile, other.Team, other.Host);

    public override int GetHashCode() => HashCode.Combine(string.Join(",", Servers), User, Token, CredsFile, CaFile, Team, Host);

    /// <summary>What <see cref="Describe"/> says: never the password or token (a record would print them).</summary>
    public override string ToString() => Describe();

    /// <summary>The servers, without credentials, for messages: "nats://10.0.0.5:4222, nats://10.0.0.6:4222 (team shop)".</summary>
    public string Describe() => string.Join(", ", Servers.Select(s => $"{s.Scheme}://{s.Authority}")) + $" (team {Team})";

    /// <summary>The settings the environment gives, or null when <c>SESSION_BRIDGE_NATS</c> is not set (the file store).</summary>
    /// <exception cref="StateException">A setting is malformed, or a server off loopback has no credentials.</exception>
    public static NatsSettings? FromEnvironment(Func<string, string?> getVariable)
    {
        var configured = getVariable(ServersVariable);
        if (string.IsNullOrWhiteSpace(configured))
            return null;

        var servers = new List<Uri>();
        string? user = null,
            password = null,
            token = null;
        foreach (var part in configured.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var text = part.Contains("://", StringComparison.Ordinal) ? part : "nats://" + part;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls") || uri.Host.Length == 0)
            {
                throw Problem(
                    $"{ServersVariable} holds \"{Redact(part)}\", which is not a NATS address. Give nats://host:4222 "
                        + "(a comma-separated list for a cluster; nats://user:password@host:4222 or nats://token@host:4222 with credentials)."
                );
            }

            if (uri.UserInfo.Length > 0)
            {
                var info = uri.UserInfo.Split(':', 2);
                if (info.Length == 2)
                {
                    user = Uri.UnescapeDataString(info[0]);
                    password = Uri.UnescapeDataString(info[1]);
                }
                else
                {
                    token = Uri.UnescapeDataString(info[0]);
                }
            }

            servers.Add(new UriBuilder(uri) { UserName = "", Password = "", Port = uri.IsDefaultPort ? 4222 : uri.Port }.Uri);
        }

        if (servers.Count == 0)
            throw Problem($"{ServersVariable} is set but names no server. Give nats://host:4222, or unset it to use the local files.");

        var creds = NullIfBlank(getVariable(CredsVariable));
        if (creds is not null && !File.Exists(creds))
            throw Problem($"{CredsVariable} names {creds}, which does not exist. Point it at the team's .creds file.");
        var ca = NullIfBlank(getVariable(CaVariable));
        if (ca is not null && !File.Exists(ca))
            throw Problem($"{CaVariable} names {ca}, which does not exist. Point it at the CA certificate (PEM) that signed the NATS server's.");

        var team = NullIfBlank(getVariable(TeamVariable)) ?? DefaultTeam;
        if (!IsName(team))
            throw Problem($"{TeamVariable} is \"{team}\": a team name is 1 to 32 letters, digits, '-' or '_'.");
        var host = NullIfBlank(getVariable(HostVariable)) ?? HostName();
        if (!IsName(host))
            throw Problem($"{HostVariable} is \"{host}\": a host name here is 1 to 32 letters, digits, '-' or '_'. Set {HostVariable} to one.");

        var settings = new NatsSettings(servers, user, password, token, creds, ca, team, host);
        if (!settings.HasCredentials && settings.Servers.FirstOrDefault(s => !IsLoopback(s)) is { } open)
        {
            throw Problem(
                $"{ServersVariable} names {open.Host}, which is not this machine, and no credentials are given: whoever reaches "
                    + "that server could type into every session of the team. Put a user and password or a token in the address "
                    + $"(nats://user:password@{open.Authority}), or set {CredsVariable} to a .creds file."
            );
        }

        return settings;
    }

    /// <summary>This machine's name as a host name here: the first label, cut to what <see cref="IsName"/> allows.</summary>
    public static string HostName()
    {
        var name = new string(Dns.GetHostName().Split('.')[0].Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());
        return name.Length == 0 ? "host" : name[..Math.Min(name.Length, 32)];
    }

    public static bool IsName(string value) =>
        value.Length is > 0 and <= 32 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool IsLoopback(Uri server) =>
        server.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(server.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string Redact(string part) =>
        // The last '@': a password may hold an unescaped one.
        part.LastIndexOf('@') is var at and > 0 && part.IndexOf("://", StringComparison.Ordinal) is var scheme
            ? (scheme >= 0 ? part[..(scheme + 3)] : "") + "***" + part[at..]
            : part;

    private static StateException Problem(string message) => new(message, StateOrigin.Setting(ServersVariable));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
