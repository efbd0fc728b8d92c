import Dispatch
import FoundationEssentials
import Glibc
import Linux

/// The kubelet side of CNI, as upstream's libcni/ocicni: the first configuration in the
/// config directory (lexical order; .conf, .conflist, .json), its plugin chain run with the
/// standard environment (ADD in order, each result the next plugin's prevResult; DEL in
/// reverse with the cached result), results cached per attachment under `cacheDirectory`.
public final class CNIManager: NetworkPlugin {
    public let configDirectory: String
    public let binDirectories: [String]
    public let cacheDirectory: String
    private let executor: PluginExecutor

    public init(configDirectory: String = "/etc/cni/net.d", binDirectories: [String] = ["/opt/cni/bin"],
                cacheDirectory: String = "/var/lib/cni", baseEnvironment: [String: String]? = nil) {
        self.configDirectory = configDirectory
        self.binDirectories = binDirectories
        self.cacheDirectory = cacheDirectory
        executor = PluginExecutor(searchPath: binDirectories, baseEnvironment: baseEnvironment)
    }

    public var name: String { "cni" }

    public func status() throws { _ = try loadNetwork() }

    /// The network in use: the first file that loads (others are skipped, as upstream).
    public func loadNetwork() throws -> NetworkConfigList {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: configDirectory)) ?? [])
            .filter { file in [".conf", ".conflist", ".json"].contains { file.hasSuffix($0) } }
            .sorted()
        var problems: [String] = []
        for file in files {
            let path = configDirectory + "/" + file
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                return try NetworkConfigList.parse(data, source: path)
            } catch {
                problems.append("\(error)")
            }
        }
        throw CNIManagerError.noNetworkConfig(directory: configDirectory, problems: problems)
    }

    public func setUpPod(_ attachment: PodNetworkAttachment) async throws -> PodNetworkStatus {
        let network = try loadNetwork()
        let result = try await offPool { try self.addNetworkList(network, attachment) }
        return PodNetworkStatus(network: network.name, result: result, interfaceName: attachment.interfaceName)
    }

    public func tearDownPod(_ attachment: PodNetworkAttachment) async throws {
        let network = try loadNetwork()
        try await offPool { try self.deleteNetworkList(network, attachment) }
    }

    /// CHECK of the chain against the cached result (config versions ≥ 0.4.0).
    public func checkPod(_ attachment: PodNetworkAttachment) async throws {
        let network = try loadNetwork()
        guard CNIVersion.hasCheck(network.cniVersion), !network.disableCheck else { return }
        guard let cached = cachedResult(network, attachment) else {
            throw CNIManagerError.noCachedResult(network: network.name, sandboxID: attachment.sandboxID)
        }
        try await offPool {
            for index in network.plugins.indices {
                try self.executor.run(try self.pluginType(network, index), command: .check, arguments: self.arguments(attachment),
                                      config: try network.pluginConfig(index, prevResult: cached))
            }
        }
    }

    // MARK: chain

    public func addNetworkList(_ network: NetworkConfigList, _ attachment: PodNetworkAttachment) throws -> CNIResult {
        var previous: CNIResult?
        for index in network.plugins.indices {
            let type = try pluginType(network, index)
            do {
                previous = try executor.add(type, arguments: arguments(attachment), config: try network.pluginConfig(index, prevResult: previous))
            } catch let error as CNIError {
                throw CNIManagerError.pluginFailed(network: network.name, plugin: type, command: "ADD", error: error)
            }
        }
        guard let result = previous else { throw CNIManagerError.noNetworkConfig(directory: network.source, problems: ["empty chain"]) }
        cache(result, network, attachment)
        return result
    }

    public func deleteNetworkList(_ network: NetworkConfigList, _ attachment: PodNetworkAttachment) throws {
        let cached = CNIVersion.hasCheck(network.cniVersion) ? cachedResult(network, attachment) : nil
        for index in network.plugins.indices.reversed() {
            let type = try pluginType(network, index)
            do {
                try executor.run(type, command: .del, arguments: arguments(attachment), config: try network.pluginConfig(index, prevResult: cached))
            } catch let error as CNIError {
                throw CNIManagerError.pluginFailed(network: network.name, plugin: type, command: "DEL", error: error)
            }
        }
        try? FileManager.default.removeItem(atPath: cachePath(network, attachment))
    }

    private func pluginType(_ network: NetworkConfigList, _ index: Int) throws -> String {
        guard let type = network.plugins[index]["type"]?.stringValue else {
            throw CNIManagerError.noNetworkConfig(directory: network.source, problems: ["plugin \(index) has no type"])
        }
        return type
    }

    private func arguments(_ attachment: PodNetworkAttachment) -> PluginArguments {
        PluginArguments(command: .add, containerID: attachment.sandboxID, netns: attachment.netnsPath,
                        ifName: attachment.interfaceName, args: attachment.cniArgs, path: binDirectories)
    }

    // MARK: result cache (libcni's layout: <cache>/results/<network>-<id>-<ifname>)

    private func cachePath(_ network: NetworkConfigList, _ attachment: PodNetworkAttachment) -> String {
        "\(cacheDirectory)/results/\(network.name)-\(attachment.sandboxID)-\(attachment.interfaceName)"
    }

    private func cache(_ result: CNIResult, _ network: NetworkConfigList, _ attachment: PodNetworkAttachment) {
        let path = cachePath(network, attachment)
        try? FileManager.default.createDirectory(atPath: cacheDirectory + "/results", withIntermediateDirectories: true)
        let entry = CachedAttachment(kind: "cniCacheV1", containerId: attachment.sandboxID, ifName: attachment.interfaceName,
                                     networkName: network.name, result: result)
        if let data = try? JSONEncoder().encode(entry) { try? data.write(to: URL(fileURLWithPath: path), options: .atomic) }
    }

    private func cachedResult(_ network: NetworkConfigList, _ attachment: PodNetworkAttachment) -> CNIResult? {
        guard let data = FileManager.default.contents(atPath: cachePath(network, attachment)) else { return nil }
        return (try? JSONDecoder().decode(CachedAttachment.self, from: data))?.result
    }

    struct CachedAttachment: Codable {
        var kind: String
        var containerId: String
        var ifName: String
        var networkName: String
        var result: CNIResult
    }
}

/// Plugins are processes the kubelet waits for: never on the cooperative pool, nor on a
/// dispatch queue (see OwnThread).
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await OwnThread.run(body)
}

public enum CNIManagerError: Error, CustomStringConvertible {
    case noNetworkConfig(directory: String, problems: [String])
    case pluginFailed(network: String, plugin: String, command: String, error: CNIError)
    case noCachedResult(network: String, sandboxID: String)

    public var description: String {
        switch self {
        case .noNetworkConfig(let directory, let problems):
            "no valid CNI network config in \(directory)\(problems.isEmpty ? "" : ": " + problems.joined(separator: "; "))"
        case .pluginFailed(let network, let plugin, let command, let error):
            "network \(network): plugin \(plugin) \(command): \(error)"
        case .noCachedResult(let network, let sandboxID):
            "network \(network): no cached result for sandbox \(sandboxID)"
        }
    }
}
