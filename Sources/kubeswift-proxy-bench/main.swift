import Foundation
import KubeAPI
import KubeProxy

// kubeswift-proxy-bench NODE_NS RAW_NS BACKEND SERVICES
// Full sync of SERVICES ClusterIP Services × 2 endpoints in NODE_NS (render and apply timed
// apart), a raw `iptables-restore --noflush` of the identical text in RAW_NS (same spawn path),
// then a one-endpoint change (partial sync) in NODE_NS. Prints one `key=value` line per figure.
let args = CommandLine.arguments
guard args.count == 5, let backend = IPTablesBackend(rawValue: args[3]), let count = Int(args[4]) else {
    FileHandle.standardError.write(Data("usage: kubeswift-proxy-bench NODE_NS RAW_NS legacy|nft SERVICES\n".utf8))
    exit(2)
}
let (nodeNS, rawNS) = (args[1], args[2])

func ms(_ d: Duration) -> String {
    let (s, atto) = d.components
    return String(format: "%.1f", Double(s) * 1000 + Double(atto) / 1e15)
}

func slice(_ i: Int, second: String) -> EndpointSlice {
    EndpointSlice(
        metadata: ObjectMeta(name: "svc-\(i)-x", namespace: "bench", labels: ["kubernetes.io/service-name": "svc-\(i)"]),
        addressType: "IPv4",
        endpoints: [
            Endpoint(addresses: ["10.244.\(i / 250).\(i % 250 + 1)"], conditions: EndpointConditions(ready: true)),
            Endpoint(addresses: [second], conditions: EndpointConditions(ready: true)),
        ],
        ports: [EndpointSlicePort(name: "http", protocol: "TCP", port: 8080)])
}

let clock = ContinuousClock()
let proxier = Proxier(
    iptables: IPTables(backend: backend, runner: HostCommandRunner(netns: nodeNS)),
    options: Proxier.Options(hostname: "bench-node", rules: ProxyRuleConfig(clusterCIDR: "10.244.0.0/16"), minSyncInterval: .zero))
let eventsStart = clock.now
for i in 0..<count {
    proxier.onServiceAdd(
        Service(
            metadata: ObjectMeta(name: "svc-\(i)", namespace: "bench"),
            spec: ServiceSpec(ports: [ServicePort(name: "http", protocol: "TCP", port: 80)], clusterIP: "10.\(96 + i / 65536).\(i / 256 % 256).\(i % 256)")))
    proxier.onEndpointSliceAdd(slice(i, second: "10.245.\(i / 250).\(i % 250 + 1)"))
}
print("backend=\(backend.rawValue) services=\(count) endpoints=\(2 * count)")
print("record_events_ms=\(ms(clock.now - eventsStart))")
proxier.onServicesSynced()
proxier.onEndpointsSynced()

// Warm both namespaces (module loading, table creation) so neither side pays it alone.
let raw = IPTables(backend: backend, runner: HostCommandRunner(netns: rawNS))
for ns in [proxier.iptables, raw] {
    do { try await ns.restore("*filter\nCOMMIT\n*nat\nCOMMIT\n") } catch { print("warmup_error=\(error)"); exit(1) }
}

guard let outcome = await proxier.syncProxyRules() else { print("error=not synced"); exit(1) }
if let error = outcome.error { print("error=\(error)"); exit(1) }
print("full_render_ms=\(ms(outcome.render)) full_apply_ms=\(ms(outcome.apply)) full_total_ms=\(ms(outcome.render + outcome.apply))")

// The raw peer: the identical text, the same binary and spawn path, in its own namespace.
let rawStart = clock.now
do { try await raw.restore(bytes: outcome.bytes) } catch { print("raw_error=\(error)"); exit(1) }
print("raw_restore_ms=\(ms(clock.now - rawStart)) bytes=\(outcome.bytes.count) lines=\(outcome.input.lineCount)")

// One endpoint of one Service changes.
let target = count / 2
proxier.onEndpointSliceUpdate(slice(target, second: "10.245.\(target / 250).\(target % 250 + 1)"), slice(target, second: "10.246.0.1"))
guard let partial = await proxier.syncProxyRules(), partial.error == nil else { print("error=partial sync failed"); exit(1) }
print("partial_full=\(partial.full) partial_lines=\(partial.input.lineCount) partial_render_ms=\(ms(partial.render)) partial_apply_ms=\(ms(partial.apply)) partial_total_ms=\(ms(partial.render + partial.apply))")
