import GRPCCore
import GRPCNIOTransportHTTP2
import KubeAPI
import Synchronization
import Testing
@testable import Kubelet

/// grpc.health.v1.Health on 127.0.0.1:<ephemeral>, answering with a status the test sets.
final class FakeHealthServer: Sendable {
    struct Service: RegistrableRPCService {
        let server: FakeHealthServer

        func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
            router.registerHandler(forMethod: GRPCHealthProbe.check, deserializer: RawProtobufBytes(),
                                   serializer: RawProtobufBytes()) { request, _ in
                var message: [UInt8] = []
                for try await received in request.messages { message = received }
                let service = try HealthCheckMessages.service(in: message)
                server.services.withLock { $0.append(service) }
                return StreamingServerResponse(single: ServerResponse(message: HealthCheckMessages.response(status: server.status.withLock { $0 })))
            }
        }
    }

    let status = Mutex(1)
    let services = Mutex<[String]>([])
    private let grpc = Mutex<(GRPCServer<HTTP2ServerTransport.Posix>, Task<Void, Never>)?>(nil)

    /// Serves until stop(); returns the port.
    func start(withHealthService: Bool = true) async throws -> Int {
        let transport = HTTP2ServerTransport.Posix(address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: .plaintext)
        let server = GRPCServer(transport: transport, services: withHealthService ? [Service(server: self)] : [])
        let task = Task<Void, Never> { _ = try? await server.serve() }
        grpc.withLock { $0 = (server, task) }
        return try await transport.listeningAddress.ipv4!.port
    }

    func stop() async {
        guard let (server, task) = grpc.withLock({ $0 }) else { return }
        server.beginGracefulShutdown()
        await task.value
    }
}

@Suite("gRPC health probes")
struct GRPCHealthProbeTests {
    func run(port: Int, service: String? = nil) async throws -> ProbeRunOutput {
        try await Prober(runner: FakeCommandRunner(), events: RecordingEvents())
            .run(Probe(grpc: GRPCAction(port: Int32(port), service: service), timeoutSeconds: 10), pod: ProbeFixtures.pod(containers: []),
                 container: ProbeFixtures.container(), containerID: "c1", podIP: "127.0.0.1")
    }

    @Test func servingIsSuccessAndOtherStatusesFail() async throws {
        let health = FakeHealthServer()
        let port = try await health.start()
        #expect(try await run(port: port, service: "db") == .success("service healthy"))
        #expect(health.services.withLock { $0 } == ["db"])

        health.status.withLock { $0 = 2 }
        #expect(try await run(port: port) == .failure(#"service unhealthy (responded with "NOT_SERVING")"#))
        #expect(health.services.withLock { $0 }.last == "")
        await health.stop()
    }

    @Test func aServerWithoutTheHealthServiceFails() async throws {
        let health = FakeHealthServer()
        let port = try await health.start(withHealthService: false)
        let output = try await run(port: port)
        guard case .failure(let message) = output else {
            Issue.record("expected a failure, got \(output)")
            return
        }
        #expect(message.hasPrefix("error: this server does not implement the grpc health protocol (grpc.health.v1.Health): "))
        await health.stop()
    }

    @Test func aRefusedConnectionFails() async throws {
        let port = try LoopbackHTTPServer.closedPort()
        let output = try await run(port: port)
        guard case .failure(let message) = output else {
            Issue.record("expected a failure, got \(output)")
            return
        }
        #expect(message.hasPrefix(#"error: failed to connect service at "127.0.0.1:\#(port)": "#))
    }
}
