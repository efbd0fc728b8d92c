import FoundationEssentials
import Glibc
import Linux

/// `loopback`: brings `lo` up in the pod namespace (DEL brings it down, and is a no-op when
/// the namespace is gone). The result lists `lo` with 127.0.0.1/8, as upstream's does.
public struct LoopbackPlugin: CNIPlugin {
    public init() {}
    public var type: String { "loopback" }

    public func add(_ arguments: PluginArguments, config: Data) throws -> CNIResult {
        _ = try NetworkConfig.decode(NetworkConfig.self, from: config)
        let netlink = try openNamespace(arguments.netns).routeNetlink()
        let loopback = try netlink.link(named: "lo")
        try netlink.setUp(loopback)
        return CNIResult(
            interfaces: [.init(name: "lo", mac: "00:00:00:00:00:00", sandbox: arguments.netns)],
            ips: [.init(address: "127.0.0.1/8", interface: 0)])
    }

    public func del(_ arguments: PluginArguments, config: Data) throws {
        _ = try NetworkConfig.decode(NetworkConfig.self, from: config)
        guard !arguments.netns.isEmpty, FileIO.exists(arguments.netns) else { return }
        let netlink = try openNamespace(arguments.netns).routeNetlink()
        guard let loopback = try netlink.linkIfPresent(named: "lo") else { return }
        try netlink.setDown(loopback)
    }

    public func check(_ arguments: PluginArguments, config: Data) throws {
        _ = try NetworkConfig.decode(NetworkConfig.self, from: config)
        let loopback = try openNamespace(arguments.netns).routeNetlink().link(named: "lo")
        guard loopback.isUp else { throw CNIError(.internalError, "loopback interface is down in \(arguments.netns)") }
    }
}

/// Opens the pod's namespace file; a missing one is "container unknown" (code 3).
func openNamespace(_ path: String) throws -> NetworkNamespace {
    do {
        return try NetworkNamespace(path: path)
    } catch {
        if error.errno == ENOENT { throw CNIError(.unknownContainer, "failed to open netns \"\(path)\"", details: error.description) }
        throw CNIError(.ioFailure, "failed to open netns \"\(path)\"", details: error.description)
    }
}
