import FoundationEssentials
import Glibc
import Linux

/// ipMasq: pod traffic leaving the pod's network is masqueraded, with upstream's rule shape
/// in the nat table of the namespace the plugin runs in (where the bridge is):
///   -A POSTROUTING -s <pod ip> -j CNI-<hash> -m comment --comment "name: … id: …"
///   -A CNI-<hash> -d <pod subnet> -j ACCEPT …
///   -A CNI-<hash> ! -d 224.0.0.0/4 -j MASQUERADE …
/// Set up with one `iptables-restore --noflush` (one process, not six `iptables` calls).
public struct IPMasquerade: Sendable {
    public var network: String
    public var containerID: String
    public var runner: IPTablesRunner

    public init(network: String, containerID: String, runner: IPTablesRunner = IPTablesRunner()) {
        self.network = network
        self.containerID = containerID
        self.runner = runner
    }

    public var chain: String { String(("CNI-" + SHA512.hex(network + containerID)).prefix(28)) }
    public var comment: String { "name: \"\(network)\" id: \"\(containerID)\"" }

    /// The restore input that creates (or refills) the chain and hooks `addresses` into it.
    public func setupRules(_ addresses: [IPv4CIDR]) -> String {
        var lines = ["*nat", ":\(chain) - [0:0]"]
        for address in addresses {
            lines.append("-A \(chain) -d \(address.network) -j ACCEPT -m comment --comment \(quoted(comment))")
        }
        lines.append("-A \(chain) ! -d 224.0.0.0/4 -j MASQUERADE -m comment --comment \(quoted(comment))")
        for address in addresses {
            lines.append("-A POSTROUTING -s \(address.address)/32 -j \(chain) -m comment --comment \(quoted(comment))")
        }
        lines.append("COMMIT")
        return lines.joined(separator: "\n") + "\n"
    }

    public func setUp(_ addresses: [IPv4CIDR]) throws {
        // A repeated ADD must not leave a second jump behind.
        for address in addresses { try? removeJump(address) }
        try runner.restore(setupRules(addresses))
    }

    /// Removes the jumps and the chain; whatever is already gone is fine.
    public func tearDown(_ addresses: [IPv4CIDR]) throws {
        for address in addresses {
            while (try? removeJump(address)) != nil {}
        }
        // Declaring the chain creates it if missing, so deleting it cannot fail on absence.
        try runner.restore("*nat\n:\(chain) - [0:0]\n-X \(chain)\nCOMMIT\n")
    }

    private func removeJump(_ address: IPv4CIDR) throws {
        try runner.run(["-t", "nat", "-D", "POSTROUTING", "-s", "\(address.address)/32", "-j", chain, "-m", "comment", "--comment", comment])
    }

    private func quoted(_ text: String) -> String { "\"" + text.map { $0 == "\"" ? "\\\"" : String($0) }.joined() + "\"" }
}

/// Runs `iptables` / `iptables-restore` (whichever backend the host's `iptables` is), waiting
/// for the xtables lock.
public struct IPTablesRunner: Sendable {
    public var iptables: String
    public var iptablesRestore: String

    public init(iptables: String? = nil, iptablesRestore: String? = nil) {
        self.iptables = iptables ?? Self.find("iptables")
        self.iptablesRestore = iptablesRestore ?? Self.find("iptables-restore")
    }

    public struct Failure: Error, CustomStringConvertible {
        public var command: String
        public var status: Int32
        public var output: String
        public var description: String { "\(command): exit status \(status)\(output.isEmpty ? "" : ": " + output)" }
    }

    public func run(_ arguments: [String]) throws {
        try execute(iptables, ["-w"] + arguments, stdin: nil)
    }

    public func restore(_ rules: String) throws {
        try execute(iptablesRestore, ["-w", "--noflush"], stdin: rules)
    }

    private func execute(_ binary: String, _ arguments: [String], stdin: String?) throws {
        let input = try Spawn.pipe()
        let output = try Spawn.pipe()
        let pid: pid_t
        do {
            pid = try Spawn.spawn(binary, args: [binary] + arguments, env: ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"],
                                  fds: [0: input.read, 1: output.write, 2: output.write])
        } catch {
            [input.read, input.write, output.read, output.write].forEach { _ = close($0) }
            throw error
        }
        close(input.read)
        close(output.write)
        if let stdin { try? FileIO.writeAll(fd: input.write, Array(stdin.utf8), stage: "write(\(binary))") }
        close(input.write)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(output.read, $0.baseAddress, $0.count) }
            if count > 0 { bytes += buffer[0..<count]; continue }
            if count < 0 && errno == EINTR { continue }
            break
        }
        close(output.read)
        let status = try Spawn.wait(pid)
        guard status.code == 0 else {
            throw Failure(command: ([binary] + arguments).joined(separator: " "), status: status.code,
                          output: String(decoding: bytes, as: UTF8.self).trimmed)
        }
    }

    static func find(_ name: String) -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] {
            if access(directory + "/" + name, X_OK) == 0 { return directory + "/" + name }
        }
        return "/usr/sbin/" + name
    }
}
