import Foundation
import KubeAPI
import Testing
@testable import Kubelet

/// `openssl s_server -www` with a throwaway self-signed certificate on 127.0.0.1: HTTPS probes must
/// succeed without verifying it, as upstream's InsecureSkipVerify prober does.
final class SelfSignedTLSServer {
    let port: Int
    private let process = Process()
    private let directory: URL

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ks-probe-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = directory.appendingPathComponent("key.pem").path
        let cert = directory.appendingPathComponent("cert.pem").path
        try Self.run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                      "-days", "1", "-subj", "/CN=pod.invalid"])
        port = try LoopbackHTTPServer.closedPort()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key, "-www", "-quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Ends the server this test started (by its PID; s_server does not exit on SIGTERM while
    /// serving) and removes the key material.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw POSIXError(.EIO, userInfo: [NSLocalizedDescriptionKey: "openssl \(arguments.first ?? "") failed"])
        }
    }
}

@Suite("httpGet over HTTPS", .enabled(if: SelfSignedTLSServer.available, "needs /usr/bin/openssl"))
struct HTTPSProbeTests {
    @Test func httpsSkipsCertificateVerification() async throws {
        let server = try SelfSignedTLSServer()
        defer { server.stop() }
        let prober = Prober(runner: FakeCommandRunner(), events: RecordingEvents())
        let pod = ProbeFixtures.pod(containers: [])
        func probe(_ scheme: String) async throws -> ProbeRunOutput {
            try await prober.run(
                Probe(httpGet: HTTPGetAction(path: "/healthz", port: .int(Int32(server.port)), scheme: scheme), timeoutSeconds: 5),
                pod: pod, container: ProbeFixtures.container(), containerID: "c1", podIP: "127.0.0.1")
        }
        // The server needs a moment to listen; a TCP probe tells when.
        let port = server.port
        #expect(await eventually {
            await TCPSocketProbe.probe(host: "127.0.0.1", port: port, timeout: .seconds(1)) == .success("")
        })
        let https = try await probe("HTTPS")
        guard case .success = https else {
            Issue.record("an HTTPS probe of a self-signed server must succeed")
            return
        }
        // Plain HTTP to a TLS port is no HTTP answer at all.
        let http = try await probe("HTTP")
        guard case .failure = http else {
            Issue.record("plain HTTP to a TLS server must fail")
            return
        }
    }
}
