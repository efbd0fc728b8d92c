import Foundation
import KubeAPI
import KubeProxy

// kubeswift-proxy-bench NODE_NS RAW_NS BACKEND SERVICES [ROUNDS]
// Full sync of SERVICES ClusterIP Services × 2 endpoints in NODE_NS, a raw
// `iptables-restore --noflush` of the identical text in RAW_NS (same spawn path), then a
// one-endpoint change (partial sync) in NODE_NS and the raw restore of that same change in
// RAW_NS. The full sync streams its text to iptables-restore while rendering, so its render
// figure is the CPU time rendering took, overlapping the restore; total is wall time.
// Prints `key=value` figures.
let args = CommandLine.arguments
guard args.count == 5 || args.count == 6, let backend = IPTablesBackend(rawValue: args[3]), let count = Int(args[4]),
    let rounds = args.count == 6 ? Int(args[5]) : 3, rounds > 0
else {
    FileHandle.standardError.write(Data("usage: kubeswift-proxy-bench NODE_NS RAW_NS legacy|nft SERVICES [ROUNDS]\n".utf8))
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

func makeProxier() -> Proxier {
    Proxier(
        iptables: IPTables(backend: backend, runner: HostCommandRunner(netns: nodeNS)),
        options: Proxier.Options(hostname: "bench-node", rules: ProxyRuleConfig(clusterCIDR: "10.244.0.0/16"), minSyncInterval: .zero))
}

func record(into proxier: Proxier) {
    for i in 0..<count {
        proxier.onServiceAdd(
            Service(
                metadata: ObjectMeta(name: "svc-\(i)", namespace: "bench"),
                spec: ServiceSpec(ports: [ServicePort(name: "http", protocol: "TCP", port: 80)], clusterIP: "10.\(96 + i / 65536).\(i / 256 % 256).\(i % 256)")))
        proxier.onEndpointSliceAdd(slice(i, second: "10.245.\(i / 250).\(i % 250 + 1)"))
    }
    proxier.onServicesSynced()
    proxier.onEndpointsSynced()
}

/// Empties both tables (a restore without --noflush), so every round's full sync starts from
/// what a new node has. The first call also warms the namespace (module loading, table
/// creation), so neither side pays it alone.
func reset(_ ns: String) async {
    let argv = [backend.restoreBinary, "-w", "5"]
    guard let result = try? await HostCommandRunner(netns: ns).run(argv, stdin: Array("*filter\nCOMMIT\n*nat\nCOMMIT\n".utf8)), result.status == 0 else {
        print("reset_error=\(ns)")
        exit(1)
    }
}

func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }

print("backend=\(backend.rawValue) services=\(count) endpoints=\(2 * count) rounds=\(rounds)")
let raw = IPTables(backend: backend, runner: HostCommandRunner(netns: rawNS))
var proxier = makeProxier()
var renders: [Duration] = []
var totals: [Duration] = []
var raws: [Duration] = []
var text: [UInt8] = []
var lines = 0
// Rounds alternate which side goes first; the figures are medians (a shared machine drifts).
for round in 0..<rounds {
    await reset(nodeNS)
    await reset(rawNS)
    proxier = makeProxier()
    let eventsStart = clock.now
    record(into: proxier)
    if round == 0 { print("record_events_ms=\(ms(clock.now - eventsStart))") }
    func rawRestore() async {
        let start = clock.now
        do { try await raw.restore(bytes: text) } catch { print("raw_error=\(error)"); exit(1) }
        raws.append(clock.now - start)
    }
    if round % 2 == 1 { await rawRestore() }
    guard let outcome = await proxier.syncProxyRules() else { print("error=not synced"); exit(1) }
    if let error = outcome.error { print("error=\(error)"); exit(1) }
    if round > 0 && outcome.bytes != text { print("error=round \(round) rendered different text"); exit(1) }
    (text, lines) = (outcome.bytes, outcome.input.lineCount)
    renders.append(outcome.render)
    totals.append(outcome.elapsed)
    if round % 2 == 0 { await rawRestore() }
}
func all(_ values: [Duration]) -> String { values.map(ms).joined(separator: ",") }
print("full_render_cpu_ms=\(ms(median(renders))) full_total_ms=\(ms(median(totals))) (\(all(totals)))")
print("raw_restore_ms=\(ms(median(raws))) (\(all(raws))) full_vs_raw=\(String(format: "%.2f", median(totals) / median(raws))) bytes=\(text.count) lines=\(lines)")

// One endpoint of one Service changes.
let target = count / 2
proxier.onEndpointSliceUpdate(slice(target, second: "10.245.\(target / 250).\(target % 250 + 1)"), slice(target, second: "10.246.0.1"))
guard let partial = await proxier.syncProxyRules(), partial.error == nil else { print("error=partial sync failed"); exit(1) }
print("partial_full=\(partial.full) partial_lines=\(partial.input.lineCount) partial_render_cpu_ms=\(ms(partial.render)) partial_total_ms=\(ms(partial.elapsed))")

// The same change restored raw: what the backend itself takes to apply 12 lines to a table
// of this size (legacy rewrites the whole table; nft validates every chain on commit).
let rawPartialStart = clock.now
do { try await raw.restore(bytes: partial.bytes) } catch { print("raw_partial_error=\(error)"); exit(1) }
print("raw_partial_ms=\(ms(clock.now - rawPartialStart))")
