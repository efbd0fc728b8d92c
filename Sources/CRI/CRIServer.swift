import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf
import Glibc

/// Serves CRI services on a unix socket until cancelled or `stop()`. A stale socket file
/// from a previous run is replaced; the socket is created owner-only (0600), as upstream
/// runtimes do, since whoever can reach it can run containers as root.
public final class CRIServer: Sendable {
    public let endpoint: CRIEndpoint
    let server: GRPCServer<HTTP2ServerTransport.Posix>

    public init(endpoint: CRIEndpoint, services: [any RegistrableRPCService]) {
        self.endpoint = endpoint
        var config = HTTP2ServerTransport.Posix.Config.defaults
        config.rpc.maxRequestPayloadSize = 16 * 1024 * 1024
        let transport = HTTP2ServerTransport.Posix(
            address: .unixDomainSocket(path: endpoint.socketPath), transportSecurity: .plaintext, config: config)
        server = GRPCServer(transport: transport, services: services)
    }

    /// Binds and serves; `onListening` runs once the socket accepts connections.
    public func serve(onListening: @escaping @Sendable () -> Void = {}) async throws {
        let path = endpoint.socketPath
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeDirectories(String(path[..<slash]))
        }
        unlink(path)
        let transport = server.transport
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.server.serve() }
            group.addTask {
                _ = try await transport.listeningAddress
                chmod(path, 0o600)
                onListening()
            }
            try await group.waitForAll()
        }
    }

    public func stop() { server.beginGracefulShutdown() }

    func makeDirectories(_ path: String) throws {
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw RPCError(code: .internalError, message: "mkdir(\(prefix)): errno \(errno)")
            }
        }
    }
}
