using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SessionBridge.Testing;

/// <summary>
/// A <see cref="NatsServer"/> that speaks only TLS, with a certificate for 127.0.0.1 signed by a CA of its own
/// (<see cref="CaFile"/>, PEM), made here: a client that trusts that CA gets in, others do not.
/// </summary>
public sealed class NatsServerWithTls : NatsServer
{
    public NatsServerWithTls()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=session-bridge test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, now.AddDays(-1), now.AddDays(30), [1, 2, 3, 4, 5, 6, 7, 8]);

        CaFile = Path.Combine(Folder, "ca.pem");
        File.WriteAllText(CaFile, ca.ExportCertificatePem());
        var certFile = Path.Combine(Folder, "server.pem");
        File.WriteAllText(certFile, server.ExportCertificatePem());
        var keyFile = Path.Combine(Folder, "server-key.pem");
        File.WriteAllText(keyFile, serverKey.ExportPkcs8PrivateKeyPem());
        ConfigFile = Path.Combine(Folder, "server.conf");
        File.WriteAllText(ConfigFile, $"tls {{\n  cert_file: \"{certFile}\"\n  key_file: \"{keyFile}\"\n}}\n");
    }

    /// <summary>The CA that signed the server's certificate (PEM): what <c>SESSION_BRIDGE_NATS_CA</c> names.</summary>
    public string CaFile { get; }

    public string ConfigFile { get; }

    /// <summary>The address with the tls scheme.</summary>
    public string TlsUrl => $"tls://127.0.0.1:{Port}";

    protected override IEnumerable<string> MoreArguments() => ["-c", ConfigFile];
}
