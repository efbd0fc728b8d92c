import Foundation
import Glibc
import KubeswiftTestSupport
import Testing

@testable import CNI

/// Runs a command to completion (tests only; plugins and the manager never use this).
@discardableResult
func run(_ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: arguments[0])
    process.arguments = Array(arguments.dropFirst())
    if let environment { process.environment = environment }
    let output = Pipe()
    let input = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// What the privileged tests need: root, `ip netns`, busybox for ping, iptables.
enum Privileges {
    static let ip: String? = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first { (path: String) in access(path, X_OK) == 0 }
    static let busybox: String? = ["/usr/bin/busybox", "/bin/busybox"].first { (path: String) in access(path, X_OK) == 0 }
    static let available: Bool = {
        guard getuid() == 0, let ip else { return false }
        let probe = "ks-cni-probe-\(getpid())"
        guard (try? run([ip, "netns", "add", probe]))?.status == 0 else { return false }
        _ = try? run([ip, "netns", "del", probe])
        return true
    }()
    static let reason = "needs root and `ip netns` (network namespaces the test makes and removes)"
}

/// Which implementation of the plugins a test wires pods with; the configuration differs
/// only in the type names.
enum Flavour: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case project, reference

    var testDescription: String { rawValue }

    func type(_ plugin: BuiltinPlugin) -> String { self == .project ? plugin.binaryName : plugin.rawValue }

    func binary(_ plugin: BuiltinPlugin) -> String {
        switch self {
        case .project:
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("kubeswift-cni").path
        case .reference:
            "/usr/lib/cni/" + plugin.rawValue
        }
    }

    var isAvailable: Bool { BuiltinPlugin.allCases.allSatisfy { access(binary($0), X_OK) == 0 } }
}

/// A "node" made of namespaces this test created: `<prefix>-host` (where the bridge, routes
/// and iptables rules go) and pod namespaces, plus a temporary directory with the config,
/// the IPAM data and plugin wrappers that run each plugin inside the host namespace, so
/// nothing ever runs in the root namespace. `remove()` deletes all of it.
final class TestNetwork: @unchecked Sendable {
    let prefix = "ks-cni-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    let flavour: Flavour
    let directory: String
    let subnet: String
    private(set) var namespaces: [String] = []
    private let lock = NSLock()

    var hostNamespace: String { prefix + "-host" }
    var binDirectory: String { directory + "/bin" }
    var ipamDirectory: String { directory + "/ipam" }

    init(flavour: Flavour, subnet: String = "10.123.0.0/24") throws {
        self.flavour = flavour
        self.subnet = subnet
        directory = "/tmp/" + prefix
        try FileManager.default.createDirectory(atPath: directory + "/net.d", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/real", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: binDirectory, withIntermediateDirectories: true)
        _ = try addNamespace(hostNamespace)
        try ipNetns(hostNamespace, ["ip", "link", "set", "lo", "up"])
        for plugin in BuiltinPlugin.allCases {
            // The project binary dispatches on argv[0]: give it the plugin's name.
            let real = directory + "/real/" + flavour.type(plugin)
            try FileManager.default.createSymbolicLink(atPath: real, withDestinationPath: flavour.binary(plugin))
            let wrapper = binDirectory + "/" + flavour.type(plugin)
            try "#!/bin/sh\nexec \(Privileges.ip!) netns exec \(hostNamespace) \(real) \"$@\"\n".write(toFile: wrapper, atomically: true, encoding: .utf8)
            chmod(wrapper, 0o755)
        }
    }

    /// The bridge plugin's config, in upstream's shape.
    func bridgeConfig(name: String = "ks-test") -> String {
        """
        {"type":"\(flavour.type(.bridge))","bridge":"ksbr0","isGateway":true,"isDefaultGateway":true,"ipMasq":true,
         "hairpinMode":true,"mtu":1400,
         "ipam":{"type":"\(flavour.type(.hostLocal))","ranges":[[{"subnet":"\(subnet)"}]],"dataDir":"\(ipamDirectory)"}}
        """
    }

    func writeConfList(name: String = "ks-test") throws {
        try #"{"cniVersion":"1.0.0","name":"\#(name)","plugins":[\#(bridgeConfig(name: name))]}"#
            .write(toFile: directory + "/net.d/10-\(name).conflist", atomically: true, encoding: .utf8)
    }

    var manager: CNIManager {
        CNIManager(configDirectory: directory + "/net.d", binDirectories: [binDirectory], cacheDirectory: directory + "/cache")
    }

    /// A new namespace; returns its path.
    func addNamespace(_ name: String) throws -> String {
        let result = try run([Privileges.ip!, "netns", "add", name])
        guard result.status == 0 else { throw TestFailure("ip netns add \(name): \(result.output)") }
        lock.withLock { namespaces.append(name) }
        return "/var/run/netns/" + name
    }

    func pod(_ index: Int) throws -> String { try addNamespace("\(prefix)-p\(index)") }

    func deleteNamespace(_ name: String) {
        _ = try? run([Privileges.ip!, "netns", "del", name])
        lock.withLock { namespaces.removeAll { $0 == name } }
    }

    /// Runs a command inside one of this test's namespaces.
    @discardableResult
    func ipNetns(_ namespace: String, _ command: [String], check: Bool = true) throws -> (status: Int32, output: String) {
        precondition(namespace.hasPrefix(prefix), "only namespaces this test made")
        var command = command
        if command[0] == "ip" { command[0] = Privileges.ip! }
        let result = try run([Privileges.ip!, "netns", "exec", namespace] + command)
        if check && result.status != 0 { throw TestFailure("\(command.joined(separator: " ")) in \(namespace): \(result.output)") }
        return result
    }

    func attachment(_ netnsPath: String, _ id: String) -> PodNetworkAttachment {
        PodNetworkAttachment(podNamespace: "default", podName: id, podUID: "uid-" + id, sandboxID: id, netnsPath: netnsPath)
    }

    func remove() {
        for name in lock.withLock({ namespaces }).reversed() { deleteNamespace(name) }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

