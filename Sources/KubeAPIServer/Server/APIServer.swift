import Foundation
import HTTPServerSupport
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import KubeAPI
import KubeStore
import Logging
import NIOCore
import ServiceLifecycle

/// The apiserver on an HTTP listener: Hummingbird carries bytes, `APIServerCore` does the rest.
public struct APIServer: Sendable {
    public struct Configuration: Sendable {
        public var bindAddress = "127.0.0.1"
        public var port = 6443
        public init() {}
    }

    public let core: APIServerCore
    public let configuration: Configuration

    public init(core: APIServerCore, configuration: Configuration) {
        self.core = core
        self.configuration = configuration
    }

    /// Serves until the task is cancelled. `onListening` receives the bound port (useful with port 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            responder: Responder(core: core),
            // pods/exec and pods/attach arrive as websocket upgrades (NodeProxy/PodStreamProxy.swift).
            server: .shutdownAware { HTTP1WebSocketUpgradeChannel(responder: $0, configuration: .init()) { [core] head, _, _ in await core.shouldUpgrade(head) } },
            configuration: .init(address: .hostname(configuration.bindAddress, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: core.logger
        )
        let caches = Task { [core] in await core.runCaches() }
        defer { caches.cancel() }
        var group = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: core.logger)
        // Graceful shutdown ends watches and idle connections at once and lets requests in flight
        // finish; whatever is still open after this grace (an exec session, a client that stopped
        // reading) is cancelled and its connection closed (ShutdownAwareChannel).
        group.maximumGracefulShutdownDuration = Self.shutdownGrace
        try await ServiceGroup(configuration: group).run()
    }

    static let shutdownGrace = Duration.seconds(2)

    struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        let core: APIServerCore
        static let maxBody = 3 * 1024 * 1024

        func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: Self.maxBody + 1)
            } catch {
                return Self.response(.error(.tooLarge()))
            }
            if body.readableBytes > Self.maxBody { return Self.response(.error(.tooLarge())) }
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters where query[String(key)] == nil {
                query[String(key)] = String(value)
            }
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let apiRequest = APIRequest(
                method: request.method.rawValue, path: request.uri.path, query: query, headers: headers,
                body: Array(body.readableBytesView))
            return Self.response(await core.handle(apiRequest), core: core)
        }

        static func response(_ r: APIResponse, core: APIServerCore? = nil) -> Response {
            var headers = HTTPFields()
            headers[.contentType] = r.contentType
            headers[.cacheControl] = "no-cache, private"
            for (name, value) in r.headers {
                if let field = HTTPField.Name(name) { headers[field] = value }
            }
            for warning in r.warnings {
                headers.append(.init(name: .init("Warning")!, value: RequestWarnings.headerValue(warning)))
            }
            switch r.body {
            case .bytes(let bytes):
                return Response(status: .init(code: r.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            case .stream(let stream):
                return Response(status: .init(code: r.status), headers: headers, body: ResponseBody { writer in
                    // A graceful shutdown waits for open responses, and a watch never ends by
                    // itself: shutting down ends every watch.
                    try await withGracefulShutdownHandler {
                        for await chunk in stream {
                            try await writer.write(ByteBuffer(bytes: chunk))
                        }
                    } onGracefulShutdown: {
                        core?.watches.closeAll()
                    }
                    try await writer.finish(nil)
                })
            }
        }
    }
}
