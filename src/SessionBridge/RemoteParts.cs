using SessionBridge.Diagnostics;
using SessionBridge.State;

namespace SessionBridge.Server;

/// <summary>What a program links in beyond the file store: the NATS store and its doctor, in session-bridge-nats only.</summary>
internal sealed record RemoteParts(IRemoteStore Store, IRemoteDoctor Doctor);
