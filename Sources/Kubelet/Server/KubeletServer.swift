import Foundation
import HTTPServerSupport
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import KubeAPI
import Logging
import NIOCore
import Synchronization

/// The kubelet's HTTP server (upstream's pkg/kubelet/server, port 10250): health, the pods it runs,
/// resource stats, metrics, container logs, and exec/attach as websockets proxied to the runtime's
/// streaming server. Plain HTTP for now; the apiserver reaches it at the Node's InternalIP and
/// `status.daemonEndpoints.kubeletEndpoint.Port`.
public final class KubeletServer: Sendable {
    let backend: any KubeletServerBackend
    let host: String
    let port: Int
    let logger: Logger
    let metrics = KubeletServerMetrics()
    private let bound = BoundPort()

    public init(backend: any KubeletServerBackend, host: String, port: Int, logger: Logger) {
        self.backend = backend
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// Serves until the task is cancelled.
    public func run() async throws {
        let routes = KubeletRoutes(server: self)
        let streaming = ContainerStreamProxy(server: self)
        let app = Application(
            responder: routes,
            server: .shutdownAware { HTTP1WebSocketUpgradeChannel(responder: $0, configuration: .init()) { head, _, _ in await streaming.shouldUpgrade(head) } },
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { [bound] channel in bound.set(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.run()
    }

    /// The port actually bound (useful with port 0); waits until the server listens.
    public var boundPort: Int {
        get async { await bound.value() }
    }
}

/// A value set once that readers can wait for.
final class BoundPort: Sendable {
    private let state = Mutex<(port: Int?, waiters: [CheckedContinuation<Int, Never>])>((nil, []))

    func set(_ port: Int) {
        let waiters = state.withLock { s in
            s.port = port
            defer { s.waiters = [] }
            return s.waiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    func value() async -> Int {
        await withCheckedContinuation { continuation in
            let ready: Int? = state.withLock { s in
                if let port = s.port { return port }
                s.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
