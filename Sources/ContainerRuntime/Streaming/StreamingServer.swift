import CRI
import Foundation
import HTTPServerSupport
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import RemoteCommand
import Synchronization

/// The runtime's streaming server (upstream's pkg/kubelet/cri/streaming): CRI Exec/Attach/
/// PortForward hand out one-shot URLs `http://<address>/<kind>/<token>`, and this server runs
/// the session when the kubelet (or crictl) connects to one with a websocket speaking the
/// channel protocol (`v5.channel.k8s.io`, `v4.channel.k8s.io`).
public final class StreamingServer: Sendable {
    public let host: String
    let requestedPort: Int
    let runtime: any StreamingRuntime
    public let cache: StreamingRequestCache
    let logger: Logger
    let boundPort = Mutex<Int?>(nil)

    /// `address`: `host:port` (port 0: any free port), default 127.0.0.1:0.
    public init(address: String = "127.0.0.1:0", runtime: any StreamingRuntime, cache: StreamingRequestCache = StreamingRequestCache(),
                logger: Logger = Logger(label: "kubeswift.runtime.streaming")) throws(CRIError) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), (0...65535).contains(port) else {
            throw .invalidArgument("streaming address \"\(address)\": expected host:port")
        }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host.isEmpty ? "127.0.0.1" : host
        requestedPort = port
        self.runtime = runtime
        self.cache = cache
        self.logger = logger
    }

    /// Registers a request and returns the URL that serves it (the server must be listening).
    public func url(for request: StreamingRequest) throws(CRIError) -> String {
        guard let port = boundPort.withLock({ $0 }) else { throw .internal("streaming server is not listening yet") }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "http://\(hostPart):\(port)/\(request.kind)/\(cache.insert(request))"
    }

    /// Serves until cancelled; `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.get("/healthz") { _, _ in "ok" }
        let sockets = Router(context: BasicWebSocketRequestContext.self)
        for kind in ["exec", "attach", "portforward"] {
            sockets.ws("/\(kind)/{token}") { [cache] request, context in
                let token = context.parameters.get("token") ?? ""
                guard cache.contains(token) else { throw HTTPError(.notFound, message: "unknown or expired \(kind) token") }
                let offered = request.headers[values: .secWebSocketProtocol]
                // Port forwarding also takes clients that offer no subprotocol (upstream's "" config).
                if kind == "portforward" {
                    if offered.isEmpty { return .upgrade([:]) }
                    if RemoteCommandProtocol.negotiate(offered: offered) != nil { return .upgrade([.secWebSocketProtocol: RemoteCommandProtocol.v4]) }
                }
                guard let chosen = RemoteCommandProtocol.negotiate(offered: offered) else {
                    throw HTTPError(.badRequest, message: "unable to upgrade: no supported protocol in \(offered); speak \(RemoteCommandProtocol.supported)")
                }
                return .upgrade([.secWebSocketProtocol: chosen])
            } onUpgrade: { [self] inbound, outbound, context in
                let token = context.requestContext.parameters.get("token") ?? ""
                let offered = context.request.headers[values: .secWebSocketProtocol]
                let session = RemoteCommandSession(
                    inbound: inbound, outbound: outbound,
                    closeFrames: RemoteCommandProtocol.negotiate(offered: offered).map(RemoteCommandProtocol.supportsClose) ?? false)
                guard let request = cache.consume(token) else {
                    try await session.finish(status: RemoteCommandStatus.json(failure: "\(kind) token \(token) already used or expired", reason: "NotFound", code: 404))
                    return
                }
                if case .portForward(let forward) = request {
                    let query = context.request.uri.queryParameters[values: "port"].map(String.init)
                    await servePortForward(forward, query: query, inbound: inbound, outbound: outbound)
                    return
                }
                await serve(request, session: session)
            }
        }
        let app = Application(
            router: router,
            server: .shutdownAware { [sockets = sockets.buildResponder()] in HTTP1WebSocketUpgradeChannel(responder: $0, webSocketResponder: sockets, configuration: .init()) },
            configuration: .init(address: .hostname(host, port: requestedPort), serverName: "kubeswift-streaming"),
            onServerRunning: { [self] channel in
                let port = channel.localAddress?.port ?? 0
                boundPort.withLock { $0 = port }
                onListening(port)
            },
            logger: logger)
        try await app.runService()
    }

    func servePortForward(_ request: Runtime_V1_PortForwardRequest, query: [String], inbound: WebSocketInboundStream,
                          outbound: WebSocketOutboundWriter) async {
        let session = PortForwardSession(inbound: inbound, outbound: outbound)
        do {
            let ports = try PortForwardSession.ports(query: query, requested: request.port)
            let netns = try await runtime.portForwardNamespace(podSandboxID: request.podSandboxID)
            try await session.run(ports: ports, netns: netns)
        } catch {
            logger.info("port forward failed", metadata: ["sandbox": "\(request.podSandboxID)", "error": "\(error)"])
            try? await session.send(1, Array("\(error)".utf8))
        }
    }

    func serve(_ request: StreamingRequest, session: RemoteCommandSession) async {
        do {
            switch request {
            case .exec(let exec):
                let streams = ExecStreams(stdin: exec.stdin, stdout: exec.stdout, stderr: exec.stderr && !exec.tty, tty: exec.tty)
                let process = try await runtime.startExec(containerID: exec.containerID, command: exec.cmd, streams: streams)
                try await session.runExec(process, command: exec.cmd)
            case .attach(let attach):
                let target = try await runtime.attachTarget(containerID: attach.containerID)
                try await session.runAttach(target, stdout: attach.stdout, stderr: attach.stderr && !attach.tty)
            case .portForward:
                break  // servePortForward: not the remote-command channel layout
            }
        } catch {
            logger.info("streaming session failed", metadata: ["kind": "\(request.kind)", "error": "\(error)"])
            try? await session.finish(status: RemoteCommandStatus.json(failure: "\(error)"))
        }
    }
}
