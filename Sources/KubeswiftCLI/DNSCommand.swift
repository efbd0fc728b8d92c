import ArgumentParser
import ClusterDNS
import Foundation
import KubeClient
import KubeProxy
import Logging

/// `kubeswift dns`: cluster DNS for the cluster domain, forwarding other names to the node's resolvers.
struct DNSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dns",
        abstract: "Serve DNS for Services and Pods in the cluster domain (UDP and TCP).")

    @OptionGroup var client: ClientOptions

    @Option(help: "Address to serve on, ADDRESS:PORT (port 0 picks a free one and prints it).")
    var bind: String = "10.96.0.10:53"

    @Option(help: "The cluster domain.")
    var clusterDomain: String = "cluster.local"

    @Option(help: "resolv.conf naming the upstream resolvers for other names.")
    var resolvConf: String = "/etc/resolv.conf"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard splitHostPort(bind) != nil else { throw ValidationError("invalid --bind \"\(bind)\": expected ADDRESS:PORT") }
    }

    func run() async throws {
        let logger = componentLogger("kubeswift.dns", level: logLevel)
        let rest = try client.restClient(userAgent: "kubeswift-dns/v1.32.0 (linux/amd64)")
        let (host, port) = splitHostPort(bind)!
        // Never forward to ourselves: that would loop (CoreDNS's loop plugin guards the same).
        let upstreams = try ResolvConf.load(path: resolvConf).nameservers.filter { !($0.host == host && $0.port == port) }
        let records = ClusterRecords()
        let zone = ClusterZone(domain: clusterDomain, records: records)
        let server = ClusterDNSServer(
            handler: DNSQueryHandler(zone: zone, forwarder: upstreams.isEmpty ? nil : UpstreamForwarder(servers: upstreams)), host: host, port: port)
        let source: any ServiceSource = InformerServiceSource(rest: rest)
        let handler = ServiceEventHandler(
            onServiceAdd: records.onServiceAdd, onServiceUpdate: records.onServiceUpdate, onServiceDelete: records.onServiceDelete,
            onEndpointSliceAdd: records.onEndpointSliceAdd, onEndpointSliceUpdate: records.onEndpointSliceUpdate,
            onEndpointSliceDelete: records.onEndpointSliceDelete,
            onSynced: { logger.info("services and endpoint slices synced") })
        let log = logger
        let domain = clusterDomain
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await source.run(handler) }
            group.addTask {
                try await server.run { bound in
                    log.notice("serving DNS for \(domain) on \(host):\(bound.udpPort) (udp, tcp); upstream: \(upstreams.map(\.description).joined(separator: ", "))")
                }
            }
        }
        await server.shutdown()
    }
}

/// `10.96.0.10:53`, `[::1]:53` → (host, port).
func splitHostPort(_ text: String) -> (String, Int)? {
    if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
        let host = String(text[text.index(after: text.startIndex)..<close])
        guard let port = Int(text[text.index(after: close)...].dropFirst()), (0...65535).contains(port) else { return nil }
        return (host, port)
    }
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
    return (String(text[..<colon]), port)
}
