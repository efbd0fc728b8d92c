import FoundationEssentials
import Linux

/// `host-local` IPAM: one address from each range set, reserved on disk; DEL releases
/// whatever the container holds (nothing held is fine); GC releases what is not a valid
/// attachment.
public struct HostLocalPlugin: CNIPlugin {
    public init() {}
    public var type: String { "host-local" }

    public func add(_ arguments: PluginArguments, config data: Data) throws -> CNIResult {
        let config = try HostLocalConfig.parse(data)
        let store = try HostLocalStore(dataDir: config.dataDir, network: config.networkName)
        let requested = try requestedAddress(arguments)
        var ips: [CNIResult.IPConfig] = []
        do {
            for (index, ranges) in config.rangeSets.enumerated() {
                let wanted = requested.flatMap { address in ranges.contains { $0.contains(address) } ? address : nil }
                let allocator = HostLocalAllocator(ranges: ranges, store: store, rangeSetIndex: index)
                ips.append(try allocator.allocate(id: arguments.containerID, ifName: arguments.ifName, requested: wanted))
            }
        } catch {
            // All or nothing: give back what this ADD took before failing.
            for ip in ips { if let cidr = ip.ipv4 { store.release(cidr.address) } }
            throw error
        }
        if let requested, !ips.contains(where: { $0.ipv4?.address == requested }) {
            for ip in ips { if let cidr = ip.ipv4 { store.release(cidr.address) } }
            throw CNIError(.invalidNetworkConfig, "requested IP address \(requested) is not in any range set")
        }
        var dns: CNIResult.DNS?
        if let path = config.resolvConf {
            dns = try ResolvConf.parse(path)
        }
        return CNIResult(ips: ips, routes: config.routes.isEmpty ? nil : config.routes, dns: dns)
    }

    public func del(_ arguments: PluginArguments, config data: Data) throws {
        let config = try HostLocalConfig.parse(data)
        let store = try HostLocalStore(dataDir: config.dataDir, network: config.networkName)
        _ = try store.locked { store.release(id: arguments.containerID, ifName: arguments.ifName) }
    }

    public func check(_ arguments: PluginArguments, config data: Data) throws {
        let config = try HostLocalConfig.parse(data)
        let store = try HostLocalStore(dataDir: config.dataDir, network: config.networkName)
        if store.addresses(id: arguments.containerID, ifName: arguments.ifName).isEmpty {
            throw CNIError(.internalError, "host-local: Failed to find address added by container \(arguments.containerID)",
                           details: "interface \(arguments.ifName), reservations in \(store.directory): \(store.reservations().map { "\($0.key) → \($0.value.containerID)/\($0.value.ifname)" }.sorted())")
        }
    }

    public func gc(_ arguments: PluginArguments, config data: Data) throws {
        let config = try HostLocalConfig.parse(data)
        let store = try HostLocalStore(dataDir: config.dataDir, network: config.networkName)
        let valid = Set(config.validAttachments ?? [])
        try store.locked {
            for (address, owner) in store.reservations() where !valid.contains(owner)
                && !valid.contains(where: { $0.containerID == owner.containerID && owner.ifname.isEmpty }) {
                store.release(address)
            }
        }
    }

    /// `IP=` in CNI_ARGS (upstream also takes it from `args`/`runtimeConfig`).
    private func requestedAddress(_ arguments: PluginArguments) throws(CNIError) -> IPv4Address? {
        guard let text = arguments.arg("IP") else { return nil }
        guard let address = IPv4Address(text) else { throw CNIError(.invalidEnvironmentVariables, "invalid IP in CNI_ARGS: \(text)") }
        return address
    }
}

/// The DNS part of a result from a resolv.conf file.
enum ResolvConf {
    static func parse(_ path: String) throws(CNIError) -> CNIResult.DNS {
        let text: String
        do { text = try FileIO.readFile(path) } catch {
            throw CNIError(.ioFailure, "failed to read resolvConf \(path)", details: error.description)
        }
        var dns = CNIResult.DNS()
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let key = fields.first, !key.hasPrefix("#"), !key.hasPrefix(";") else { continue }
            let values = Array(fields.dropFirst())
            switch key {
            case "nameserver": dns.nameservers = (dns.nameservers ?? []) + values.prefix(1)
            case "domain": dns.domain = values.first
            case "search": dns.search = values
            case "options": dns.options = (dns.options ?? []) + values
            default: continue
            }
        }
        return dns
    }
}
