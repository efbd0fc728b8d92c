import Foundation
import Glibc

/// Debian's `docker-registry` on a free loopback port with its own config and storage, started
/// and stopped (by PID) by a test; optionally TLS (self-signed cert made with openssl) and token
/// auth (a small token server, also ours, signing RS256 JWTs with openssl).
final class LocalRegistry: @unchecked Sendable {
    static let binary = "/usr/bin/docker-registry"
    static let skopeo = "/usr/bin/skopeo"
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: binary) && FileManager.default.isExecutableFile(atPath: skopeo)
    }

    enum Auth: Sendable { case none, token(user: String, password: String) }

    let directory: String
    let port: Int
    let tls: Bool
    var process: Process?
    var tokenServer: Process?
    /// The CA bundle (the self-signed certificate) for TLS registries.
    var certificate: String { directory + "/cert.pem" }
    var host: String { "127.0.0.1:\(port)" }
    var storage: String { directory + "/storage" }
    /// Token requests the token server answered, one line each.
    var tokenLog: String { directory + "/tokens.log" }

    /// Starts the registry on a thread of its own: waiting for it to listen must not block a pool
    /// thread other suites need.
    static func start(tls: Bool = false, auth: Auth = .none) async throws -> LocalRegistry {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try LocalRegistry(tls: tls, auth: auth) }) }
        }
    }

    private init(tls: Bool = false, auth: Auth = .none) throws {
        directory = try Fixtures.temporaryDirectory("registry")
        port = try Self.freePort()
        self.tls = tls
        var config = """
        version: 0.1
        log:
          level: error
          accesslog:
            disabled: true
        storage:
          filesystem:
            rootdirectory: \(directory)/storage
          delete:
            enabled: true
        http:
          addr: 127.0.0.1:\(port)

        """
        if tls {
            try Self.check(try Fixtures.run(["/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                              "-keyout", directory + "/key.pem", "-out", certificate, "-subj", "/CN=127.0.0.1",
                                              "-addext", "subjectAltName=IP:127.0.0.1"]), "openssl req")
            config += "  tls:\n    certificate: \(certificate)\n    key: \(directory)/key.pem\n"
        }
        if case .token(let user, let password) = auth {
            let tokenPort = try startTokenServer(user: user, password: password)
            config += """
            auth:
              token:
                realm: http://127.0.0.1:\(tokenPort)/token
                service: kubeswift-test-registry
                issuer: kubeswift-test-issuer
                rootcertbundle: \(directory)/token-cert.pem

            """
        }
        try config.write(toFile: directory + "/config.yml", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", directory + "/config.yml"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = try Self.logFile(directory + "/registry.log")
        try process.run()
        self.process = process
        try Self.waitForPort(port, process: process, log: directory + "/registry.log")
    }

    /// Kills what this registry started (by PID) and removes its directory.
    func stop() {
        for child in [process, tokenServer].compactMap({ $0 }) where child.isRunning {
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { stop() }

    /// `skopeo copy oci:<layout> docker://<host>/<name>`.
    func push(layout: String, tag: String = "latest", as name: String, credentials: String? = nil, all: Bool = false) async throws {
        var arguments = [Self.skopeo, "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false"]
        if all { arguments.append("--all") }
        if let credentials { arguments += ["--dest-creds", credentials] }
        arguments += ["oci:" + layout + ":" + tag, "docker://\(host)/\(name)"]
        try Self.check(try await Fixtures.runDetached(arguments), "skopeo copy to \(name)")
    }

    /// The file the registry serves for a blob (filesystem driver layout).
    func blobDataPath(_ digest: String) -> String {
        let hex = String(digest.dropFirst(7))
        return storage + "/docker/registry/v2/blobs/sha256/\(hex.prefix(2))/\(hex)/data"
    }

    // MARK: Token server

    func startTokenServer(user: String, password: String) throws -> Int {
        let key = directory + "/token-key.pem"
        try Self.check(try Fixtures.run(["/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                          "-keyout", key, "-out", directory + "/token-cert.pem", "-subj", "/CN=kubeswift-test-token"]),
                       "openssl req (token)")
        let der = try Fixtures.run(["/bin/sh", "-c", "openssl x509 -in '\(directory)/token-cert.pem' -outform DER | base64 -w0"])
        try Self.check(der, "cert to DER")
        let script = directory + "/token-server.py"
        try Self.tokenServerSource.write(toFile: script, atomically: true, encoding: .utf8)
        let portFile = directory + "/token.port"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script, key, der.output.trimmingCharacters(in: .whitespacesAndNewlines), portFile, user, password, tokenLog]
        process.standardError = try Self.logFile(directory + "/token-server.log")
        try process.run()
        tokenServer = process
        for _ in 0..<100 {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text) { return port }
            usleep(50_000)
        }
        throw FixtureError("token server did not start: \((try? String(contentsOfFile: directory + "/token-server.log", encoding: .utf8)) ?? "")")
    }

    /// Grants the requested scope to `user:password` (Basic), refuses everyone else; RS256 JWT
    /// with the signing certificate in `x5c`, which the registry checks against rootcertbundle.
    static let tokenServerSource = #"""
    import base64, json, subprocess, sys, time, http.server, urllib.parse
    key, cert, port_file, user, password, log = sys.argv[1:7]
    def b64(data): return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
            expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
            granted = self.headers.get("Authorization", "") == expected
            with open(log, "a") as f: f.write(f"{'granted' if granted else 'refused'} {' '.join(query.get('scope', []))}\n")
            if not granted:
                self.send_response(401); self.send_header("Content-Length", "0"); self.end_headers(); return
            access = []
            for scope in " ".join(query.get("scope", [])).split():
                kind, rest = scope.split(":", 1)
                name, actions = rest.rsplit(":", 1)
                access.append({"type": kind, "name": name, "actions": actions.split(",")})
            now = int(time.time())
            header = {"typ": "JWT", "alg": "RS256", "x5c": [cert]}
            claims = {"iss": "kubeswift-test-issuer", "sub": user, "aud": query.get("service", [""])[0],
                      "exp": now + 300, "nbf": now - 30, "iat": now, "jti": f"{now}-{time.monotonic_ns()}", "access": access}
            signing_input = b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())
            signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=signing_input.encode(),
                                       capture_output=True, check=True).stdout
            body = json.dumps({"token": signing_input + "." + b64(signature), "expires_in": 300}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        def log_message(self, *args): pass
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w") as f: f.write(str(server.server_address[1]))
    import os; os.rename(port_file + ".tmp", port_file)
    server.serve_forever()
    """#

    // MARK: Helpers

    static func check(_ result: (status: Int32, output: String), _ what: String) throws {
        guard result.status == 0 else { throw FixtureError("\(what) failed (\(result.status)): \(result.output)") }
    }

    static func logFile(_ path: String) throws -> FileHandle {
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw FixtureError("cannot open \(path)") }
        return handle
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw FixtureError("no free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func waitForPort(_ port: Int, process: Process, log: String) throws {
        for _ in 0..<200 {
            guard process.isRunning else { break }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(fd)
            if connected { return }
            usleep(50_000)
        }
        throw FixtureError("docker-registry did not listen on \(port): \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
    }
}
