import EtcdAPI
import GRPCCore
import GRPCNIOTransportHTTP2

typealias EtcdTransport = HTTP2ClientTransport.Posix

/// The gRPC connection to one etcd member, with a client for each service the store uses. The
/// connection reconnects by itself (with backoff) after the member goes away and comes back.
final class EtcdMember: Sendable {
    let endpoint: EtcdEndpoint
    let kv: Etcdserverpb_KV.Client<EtcdTransport>
    let watch: Etcdserverpb_Watch.Client<EtcdTransport>
    let lease: Etcdserverpb_Lease.Client<EtcdTransport>
    private let client: GRPCClient<EtcdTransport>
    private let connections: Task<Void, Never>

    /// The connection's settings: reconnect backoff and keepalive.
    static var connectionConfig: HTTP2ClientTransport.Posix.Config {
        var config = HTTP2ClientTransport.Posix.Config.defaults
        // A member that went away should be retried soon after it is back: fail-over is the
        // store's job, this only bounds how stale a reconnect can be.
        config.backoff = .init(initial: .milliseconds(100), max: .seconds(2), multiplier: 1.6, jitter: 0.2)
        // Detects a member that stopped answering without closing the connection: reads and writes
        // have no per-call deadline (`EtcdMessages.callOptions`), so this is what ends them. etcd
        // refuses pings more often than every 5 s (--grpc-keepalive-min-time).
        config.connection.keepalive = .init(time: .seconds(6), timeout: .seconds(3), allowWithoutCalls: true)
        // etcd's PINGs are answered before swift-nio-http2 counts them (see HTTP2PingResponder).
        config.channelDebuggingCallbacks.onCreateTCPConnection = { HTTP2PingResponder.install(on: $0) }
        return config
    }

    init(endpoint: EtcdEndpoint) throws(StoreError) {
        self.endpoint = endpoint
        let config = Self.connectionConfig
        let target: any ResolvableTarget =
            if endpoint.host.contains(":") {
                ResolvableTargets.IPv6(addresses: [SocketAddress.IPv6(host: endpoint.host, port: endpoint.port)])
            } else if endpoint.host.split(separator: ".").count == 4, endpoint.host.allSatisfy({ $0.isNumber || $0 == "." }) {
                ResolvableTargets.IPv4(addresses: [SocketAddress.IPv4(host: endpoint.host, port: endpoint.port)])
            } else {
                ResolvableTargets.DNS(host: endpoint.host, port: endpoint.port)
            }
        let transport: EtcdTransport
        do {
            transport = try HTTP2ClientTransport.Posix(target: target, transportSecurity: .plaintext, config: config)
        } catch {
            throw .unavailable("etcd \(endpoint): \(error)")
        }
        let client = GRPCClient(transport: transport)
        self.client = client
        kv = Etcdserverpb_KV.Client(wrapping: client)
        watch = Etcdserverpb_Watch.Client(wrapping: client)
        lease = Etcdserverpb_Lease.Client(wrapping: client)
        connections = Task { try? await client.runConnections() }
    }

    func close() {
        client.beginGracefulShutdown()
    }

    deinit {
        client.beginGracefulShutdown()
    }
}
