using System.Text;
using System.Text.Json.Nodes;
using NATS.NKeys;

namespace SessionBridge.Testing;

/// <summary>
/// A <see cref="NatsServer"/> in operator mode (decentralized JWT authentication): it takes only a user of its one
/// account, signed by its operator, such as the user of <see cref="CredsFile"/> (a .creds file: the user's JWT and
/// NKey seed). The operator, account and user are minted here with NATS.NKeys, as `nsc` would.
/// </summary>
public sealed class NatsServerWithCreds : NatsServer
{
    public NatsServerWithCreds()
    {
        using var op = KeyPair.CreatePair(PrefixByte.Operator);
        using var account = KeyPair.CreatePair(PrefixByte.Account);
        // JetStream will not start in operator mode without a system account.
        using var system = KeyPair.CreatePair(PrefixByte.Account);
        using var user = KeyPair.CreatePair(PrefixByte.User);
        using var stranger = KeyPair.CreatePair(PrefixByte.Operator);
        var unlimited = new JsonObject
        {
            ["subs"] = -1,
            ["data"] = -1,
            ["payload"] = -1,
            ["imports"] = -1,
            ["exports"] = -1,
            ["wildcards"] = true,
            ["conn"] = -1,
            ["leaf"] = -1,
            ["mem_storage"] = -1,
            ["disk_storage"] = -1,
            ["streams"] = -1,
            ["consumer"] = -1,
        };
        var operatorJwt = Jwt(
            op,
            op,
            "operator",
            new JsonObject { ["system_account"] = system.GetPublicKey(), ["type"] = "operator", ["version"] = 2 }
        );
        var systemJwt = Jwt(op, system, "SYS", new JsonObject { ["type"] = "account", ["version"] = 2 });
        var accountJwt = Jwt(
            op,
            account,
            "team",
            new JsonObject { ["limits"] = unlimited, ["default_permissions"] = new JsonObject { ["pub"] = new JsonObject(), ["sub"] = new JsonObject() }, ["type"] = "account", ["version"] = 2 }
        );
        var userNats = new JsonObject { ["pub"] = new JsonObject(), ["sub"] = new JsonObject(), ["subs"] = -1, ["data"] = -1, ["payload"] = -1, ["type"] = "user", ["version"] = 2 };

        ConfigFile = Path.Combine(Folder, "server.conf");
        File.WriteAllText(
            ConfigFile,
            $"operator: {operatorJwt}\nsystem_account: {system.GetPublicKey()}\nresolver: MEMORY\n"
                + $"resolver_preload: {{\n  {account.GetPublicKey()}: {accountJwt}\n  {system.GetPublicKey()}: {systemJwt}\n}}\n"
        );
        CredsFile = Path.Combine(Folder, "team.creds");
        File.WriteAllText(CredsFile, Creds(Jwt(account, user, "dev-box", userNats), user.GetSeed()));
        // A user signed by an operator the server does not know: refused.
        using var strangerAccount = KeyPair.CreatePair(PrefixByte.Account);
        StrangerCredsFile = Path.Combine(Folder, "stranger.creds");
        File.WriteAllText(StrangerCredsFile, Creds(Jwt(strangerAccount, user, "stranger", userNats.DeepClone().AsObject()), user.GetSeed()));
    }

    public string ConfigFile { get; }

    /// <summary>The .creds file of a user of the server's account.</summary>
    public string CredsFile { get; }

    /// <summary>A .creds file of a user of an account the server does not know.</summary>
    public string StrangerCredsFile { get; }

    protected override IEnumerable<string> MoreArguments() => ["-c", ConfigFile];

    private static string Jwt(KeyPair issuer, KeyPair subject, string name, JsonObject nats)
    {
        var claims = new JsonObject
        {
            ["jti"] = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["iss"] = issuer.GetPublicKey(),
            ["name"] = name,
            ["sub"] = subject.GetPublicKey(),
            ["nats"] = nats,
        };
        var header = Base64Url("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}"u8.ToArray());
        var body = Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = new byte[64];
        issuer.Sign(Encoding.ASCII.GetBytes($"{header}.{body}"), signature);
        return $"{header}.{body}.{Base64Url(signature)}";
    }

    private static string Creds(string jwt, string seed) =>
        $"-----BEGIN NATS USER JWT-----\n{jwt}\n------END NATS USER JWT------\n\n"
        + "************************* IMPORTANT *************************\nNKEY Seed printed below can be used to sign and prove identity.\n\n"
        + $"-----BEGIN USER NKEY SEED-----\n{seed}\n------END USER NKEY SEED------\n";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
