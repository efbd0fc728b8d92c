// `Scripts/bench.sh store`: creates/s and gets/s through the apiserver's request path on etcd and
// on SQLite, beside raw etcd puts/gets with the same gRPC client against the same etcd, in one run.
// Not part of the shipped binary.
//
//   kubestore-bench SECONDS CLIENTS...     (etcd: $KUBESWIFT_ETCD or /usr/bin/etcd, data on disk;
//                                           $KUBESTORE_BENCH_ROUNDS rounds of raw and apiserver, default 3)
import EtcdAPI
import EtcdTestSupport
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import SwiftProtobuf
import Synchronization
import KubeAPI
import KubeAPIServer
import KubeStore
import Linux

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kubestore-bench: \(message)\n".utf8))
    exit(2)
}

struct Rates {
    var writes = 0.0
    var reads = 0.0
    var errors = 0
    /// CPU time per write during the write phase: this process (the client, and the apiserver
    /// where it runs) and the etcd member. Unlike the rates, these barely move when the
    /// machine's share of its host changes.
    var benchMicrosPerWrite = 0.0
    var etcdMicrosPerWrite = 0.0
}

/// The etcd member the rows run against, for its CPU time.
nonisolated(unsafe) var etcdPID: Int32?

/// User and system CPU seconds of a process so far; 0 when it cannot be read.
func cpuSeconds(_ pid: Int32?) -> Double {
    pid.flatMap { ProcessStat(pid: $0)?.cpuSeconds } ?? 0
}

/// `clients` tasks run `write` for half of `seconds`, then `read` (given how many writes each
/// client made) for the other half; returns operations per second of each phase.
func measure(
    clients: Int, seconds: Double,
    write: @escaping @Sendable (_ client: Int, _ index: Int) async -> Bool,
    read: @escaping @Sendable (_ client: Int, _ index: Int) async -> Bool
) async -> Rates {
    let clock = ContinuousClock()
    let phase = Duration.milliseconds(Int64(seconds * 500))
    var rates = Rates()
    let (benchBefore, etcdBefore) = (cpuSeconds(getpid()), cpuSeconds(etcdPID))
    let writeStart = clock.now
    let written = await withTaskGroup(of: (Int, Int).self) { group in
        for client in 0..<clients {
            group.addTask {
                var index = 0, errors = 0
                while clock.now < writeStart.advanced(by: phase) {
                    if await write(client, index) { index += 1 } else { errors += 1; await pauseAfterError() }
                }
                return (index, errors)
            }
        }
        return await group.reduce(into: [(Int, Int)]()) { $0.append($1) }
    }
    let writes = Double(written.map(\.0).reduce(0, +))
    rates.writes = writes / (clock.now - writeStart).seconds
    rates.errors = written.map(\.1).reduce(0, +)
    rates.benchMicrosPerWrite = (cpuSeconds(getpid()) - benchBefore) * 1e6 / max(writes, 1)
    rates.etcdMicrosPerWrite = (cpuSeconds(etcdPID) - etcdBefore) * 1e6 / max(writes, 1)
    let minimum = max(written.map(\.0).min() ?? 0, 1)
    let readStart = clock.now
    let reads = await withTaskGroup(of: (Int, Int).self) { group in
        for client in 0..<clients {
            group.addTask {
                var count = 0, errors = 0
                while clock.now < readStart.advanced(by: phase) {
                    if await read(client, Int.random(in: 0..<minimum)) { count += 1 } else { errors += 1; await pauseAfterError() }
                }
                return (count, errors)
            }
        }
        return await group.reduce(into: [(Int, Int)]()) { $0.append($1) }
    }
    rates.reads = Double(reads.map(\.0).reduce(0, +)) / (clock.now - readStart).seconds
    rates.errors += reads.map(\.1).reduce(0, +)
    return rates
}

/// A failed call waits 10 ms before the next, as a client backs off: calls that fail at once while
/// a connection is down would otherwise spin and starve the reconnect itself.
func pauseAfterError() async {
    try? await Task.sleep(for: .milliseconds(10))
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Raw etcd: Put and Range of 1 KiB values with grpc-swift and the generated EtcdAPI client, the
/// same client code EtcdStore uses, nothing of the store on top. One connection for the whole run,
/// as EtcdStore has.
final class RawEtcd: Sendable {
    let client: GRPCClient<HTTP2ClientTransport.Posix>
    let kv: Etcdserverpb_KV.Client<HTTP2ClientTransport.Posix>
    let options: CallOptions
    /// The first failed call of a run, printed beside its row: raw errors are etcd's own limits.
    let firstError = Mutex<String?>(nil)

    init(port: Int) throws {
        // EtcdStore's connection settings and call options: no per-call deadline, fail at once
        // while the connection is down (EtcdStore retries those; here they count as errors).
        let transport = try HTTP2ClientTransport.Posix(
            target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext, config: EtcdStore.connectionConfig)
        client = GRPCClient(transport: transport)
        kv = Etcdserverpb_KV.Client(wrapping: client)
        options = EtcdStore.requestCallOptions
        let client = self.client
        Task { try? await client.runConnections() }
    }

    func measureRates(clients: Int, seconds: Double, run: String) async throws -> Rates {
        _ = try await kv.range(Etcdserverpb_RangeRequest.with { $0.key = Data("warm-up".utf8) }, options: options)
        let value = Data(repeating: 0x6b, count: 1024)
        let (kv, options) = (self.kv, self.options)
        let raw = self
        return await measure(clients: clients, seconds: seconds) { c, i in
            var put = Etcdserverpb_PutRequest()
            put.key = Data("/raw/\(run)/\(c)/\(i)".utf8)
            put.value = value
            do {
                _ = try await kv.put(put, options: options)
                return true
            } catch {
                raw.firstError.withLock { $0 = $0 ?? "put: \(error)" }
                return false
            }
        } read: { c, i in
            var range = Etcdserverpb_RangeRequest()
            range.key = Data("/raw/\(run)/\(c)/\(i)".utf8)
            do {
                let count = try await kv.range(range, options: options).kvs.count
                if count != 1 { raw.firstError.withLock { $0 = $0 ?? "range: \(count) keys" } }
                return count == 1
            } catch {
                raw.firstError.withLock { $0 = $0 ?? "range: \(error)" }
                return false
            }
        }
    }
}

/// The apiserver's request path (decode, default, validate, admit, store, encode) over `store`,
/// in-process: ConfigMaps of about 1 KiB created, then read back by name. The admission caches run
/// as in `kubeswift apiserver`, so a create does not read its namespace from the store first.
func apiserver(store: any Store, clients: Int, seconds: Double, run: String) async throws -> Rates {
    let core = try APIServerCore(store: store)
    try await core.bootstrap()
    let caches = Task { await core.runCaches() }
    defer { caches.cancel() }
    while !core.cachesHaveSynced { try await Task.sleep(for: .milliseconds(10)) }
    let data = String(repeating: "k", count: 1000)
    return await measure(clients: clients, seconds: seconds) { c, i in
        let body = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b-\#(run)-\#(c)-\#(i)"},"data":{"v":"\#(data)"}}"#
        let response = await core.handle(APIRequest(
            method: "POST", path: "/api/v1/namespaces/default/configmaps",
            headers: ["content-type": "application/json"], body: Array(body.utf8)))
        return response.status == 201
    } read: { c, i in
        let response = await core.handle(APIRequest(method: "GET", path: "/api/v1/namespaces/default/configmaps/b-\(run)-\(c)-\(i)"))
        return response.status == 200
    }
}

func format(_ rates: Rates) -> String {
    "writes/s=\(Int(rates.writes.rounded())) reads/s=\(Int(rates.reads.rounded())) errors=\(rates.errors)"
        + " cpu_us_per_write=bench:\(Int(rates.benchMicrosPerWrite.rounded())),etcd:\(Int(rates.etcdMicrosPerWrite.rounded()))"
}

let arguments = CommandLine.arguments
guard arguments.count >= 3, let seconds = Double(arguments[1]) else { fail("usage: kubestore-bench SECONDS CLIENTS...") }
let clientCounts = arguments.dropFirst(2).compactMap(Int.init)
guard EtcdTestCluster.available else { fail(EtcdTestCluster.skipReason) }

var clusterOptions = EtcdTestCluster.Options()
// On disk, as a real etcd keeps its WAL: fsync is part of the physical limit being measured.
clusterOptions.dataRoot = NSTemporaryDirectory()
clusterOptions.heartbeatMillis = 100
clusterOptions.electionMillis = 1000
let cluster: EtcdTestCluster
do { cluster = try await EtcdTestCluster.start(options: clusterOptions) } catch { fail("start etcd: \(error)") }
/// Stops the etcd member this run started before failing, so that no etcd outlives the bench.
func stopEtcdAndFail(_ message: String) async -> Never {
    await cluster.shutdown()
    fail(message)
}
let etcdStore: EtcdStore
do { etcdStore = try await EtcdStore.connect(endpoints: try EtcdEndpoint.parseList(cluster.servers)) } catch { await stopEtcdAndFail("\(error)") }
let sqliteDir = NSTemporaryDirectory() + "kubestore-bench-\(UUID().uuidString.prefix(8))"
let sqliteStore: SQLiteStore
do { sqliteStore = try SQLiteStore(path: sqliteDir + "/state.db") } catch { await stopEtcdAndFail("\(error)") }

etcdPID = cluster.pid(0)
let raw: RawEtcd
do { raw = try RawEtcd(port: cluster.members[0].clientPort) } catch { await stopEtcdAndFail("raw etcd client: \(error)") }
/// Raw etcd and the apiserver on etcd run by turns, `rounds` times, the order swapped each round:
/// the machine's speed drifts over a run, and the goal is the ratio of the two.
let rounds = max(ProcessInfo.processInfo.environment["KUBESTORE_BENCH_ROUNDS"].flatMap(Int.init) ?? 3, 1)

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

print("etcd \(EtcdTestCluster.binary) single member, data in \(cluster.root); \(seconds)s per row (half writes, half reads); 1 KiB values; \(rounds) rounds of raw etcd and apiserver on etcd by turns")
for clients in clientCounts {
    do {
        var rawRuns: [Rates] = [], onEtcdRuns: [Rates] = []
        for round in 0..<rounds {
            let run = String(UInt32.random(in: 0...UInt32.max), radix: 36)
            for rawFirst in round % 2 == 0 ? [true, false] : [false, true] {
                if rawFirst {
                    let rates = try await raw.measureRates(clients: clients, seconds: seconds, run: run)
                    rawRuns.append(rates)
                    let error = raw.firstError.withLock { e in defer { e = nil }; return e }
                    print("clients=\(clients) raw-etcd (Put/Range)        \(format(rates))" + (error.map { "  first error: \($0)" } ?? ""))
                } else {
                    let rates = try await apiserver(store: etcdStore, clients: clients, seconds: seconds, run: run)
                    onEtcdRuns.append(rates)
                    print("clients=\(clients) apiserver on etcd           \(format(rates))")
                }
            }
        }
        let ratios = zip(onEtcdRuns, rawRuns).map { 100 * $0.writes / max($1.writes, 1) }
        print(
            "clients=\(clients) median of \(rounds): raw etcd writes/s=\(Int(median(rawRuns.map(\.writes)).rounded()))",
            "apiserver on etcd writes/s=\(Int(median(onEtcdRuns.map(\.writes)).rounded()))",
            "(\(Int(median(ratios).rounded()))% of raw etcd writes; rounds: \(ratios.map { "\(Int($0.rounded()))%" }.joined(separator: " ")))")
        // The two processes share the machine's cores, so the write ratio tracks the ratio of their CPU
        // time per write (less closely where etcd waits on its disk); that ratio drifts far less with
        // the machine's speed than the rates do.
        let rawCPU = median(rawRuns.map { $0.benchMicrosPerWrite + $0.etcdMicrosPerWrite })
        let onEtcdCPU = median(onEtcdRuns.map { $0.benchMicrosPerWrite + $0.etcdMicrosPerWrite })
        print(
            "clients=\(clients) median CPU per write (this process + etcd): raw etcd \(Int(rawCPU.rounded())) us,",
            "apiserver on etcd \(Int(onEtcdCPU.rounded())) us (raw/apiserver \(Int((100 * rawCPU / max(onEtcdCPU, 1)).rounded()))%)")
        let run = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let store = await StoreBenchmark.run(store: etcdStore, clients: clients, seconds: seconds, keyPrefix: "/store/\(run)/")
        print("clients=\(clients) EtcdStore (Txn create/get)  writes/s=\(Int(store.createsPerSecond.rounded())) reads/s=\(Int(store.getsPerSecond.rounded())) errors=\(store.errors)")
        let onSQLite = try await apiserver(store: sqliteStore, clients: clients, seconds: seconds, run: run)
        print("clients=\(clients) apiserver on sqlite         \(format(onSQLite))")
    } catch {
        await stopEtcdAndFail("clients=\(clients): \(error)")
    }
    fflush(nil)
}
raw.client.beginGracefulShutdown()
await etcdStore.close()
await sqliteStore.close()
await cluster.shutdown()
try? FileManager.default.removeItem(atPath: sqliteDir)
