// Load generator for `Scripts/bench.sh api`: drives a running `kubeswift apiserver` over loopback
// HTTP and prints one `key value…` line per figure (the script turns them into the table).
//
//   kubeswift-api-bench --server URL --pid PID [--seconds S] [--pods N] [--watchers W] [--changes C]
//
// Phases, in order: fill a namespace with N pods, LIST them as JSON and as Table (median of 5),
// apiserver RSS from /proc/PID/status with those N pods; creates at 1/16/64 clients, gets at
// 1/16/64 clients (each for S seconds, latency of every request kept); then W watchers on
// ConfigMaps receiving C changes made one at a time, each change stamped with its send time.
import AsyncHTTPClient
import Foundation
import KubeAPI
import NIOCore
import NIOHTTP1
import Synchronization

struct Options {
    var server = ""
    var pid: Int32 = 0
    var seconds = 3.0
    var pods = 10_000
    var watchers = 100
    var changes = 1_000
    var namespace = "bench"

    init(_ arguments: [String]) {
        var i = 1
        func value() -> String {
            i += 1
            guard i < arguments.count else { fail("missing value for \(arguments[i - 1])") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--server": server = value()
            case "--pid": pid = Int32(value()) ?? 0
            case "--seconds": seconds = Double(value()) ?? seconds
            case "--pods": pods = Int(value()) ?? pods
            case "--watchers": watchers = Int(value()) ?? watchers
            case "--changes": changes = Int(value()) ?? changes
            default: fail("unknown argument \(arguments[i])")
            }
            i += 1
        }
        if server.isEmpty { fail("--server URL is required") }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kubeswift-api-bench: \(message)\n".utf8))
    exit(2)
}

func log(_ message: String) { FileHandle.standardError.write(Data("== \(message)\n".utf8)) }

/// Monotonic nanoseconds, comparable across tasks of this process.
func nowNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Shared state for escaping task closures (Mutex and Atomic cannot be captured by them).
final class Shared<Value: Sendable>: Sendable {
    let value: Mutex<Value>
    init(_ initial: Value) { value = Mutex(initial) }
    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R { value.withLock { body(&$0) } }
}

struct Latencies {
    var nanos: [UInt64] = []
    mutating func append(_ v: UInt64) { nanos.append(v) }
    func percentile(_ p: Double) -> Double {
        guard !nanos.isEmpty else { return 0 }
        let sorted = nanos.sorted()
        return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1e6
    }
}

final class Bench: Sendable {
    let options: Options
    let http: HTTPClient

    init(options: Options) {
        self.options = options
        var config = HTTPClient.Configuration()
        config.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 512)
        config.timeout = .init(connect: .seconds(10), read: .seconds(120))
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    func request(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, accept: String = "application/json") async throws -> (Int, ByteBuffer) {
        var request = HTTPClientRequest(url: options.server + path)
        request.method = method
        request.headers.add(name: "Accept", value: accept)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        let response = try await http.execute(request, timeout: .seconds(120))
        let bytes = try await response.body.collect(upTo: 512 << 20)
        return (Int(response.status.code), bytes)
    }

    func podBody(_ name: String) -> [UInt8] {
        let pod: JSONValue = [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "labels": ["app": "bench", "tier": "load"]],
            "spec": ["containers": [[
                "name": "app", "image": "busybox:1.36", "command": ["sleep", "3600"],
                "ports": [["containerPort": 8080]],
                "resources": ["requests": ["cpu": "10m", "memory": "16Mi"]],
            ]]],
        ]
        return pod.serializedBytes()
    }

    var podsPath: String { "/api/v1/namespaces/\(options.namespace)/pods" }

    /// `clients` tasks each running `body(client, index)` until `seconds` pass; returns latencies and count/s.
    func timed(clients: Int, seconds: Double, _ body: @escaping @Sendable (Int, Int) async throws -> Bool) async -> (Latencies, Double, Int) {
        let start = nowNanos()
        let deadline = start + UInt64(seconds * 1e9)
        let results = await withTaskGroup(of: (Latencies, Int).self) { group in
            for client in 0..<clients {
                group.addTask {
                    var latencies = Latencies()
                    var errors = 0
                    var index = 0
                    while nowNanos() < deadline {
                        let t0 = nowNanos()
                        let ok = (try? await body(client, index)) ?? false
                        if ok { latencies.append(nowNanos() - t0) } else { errors += 1 }
                        index += 1
                    }
                    return (latencies, errors)
                }
            }
            var all: [(Latencies, Int)] = []
            for await r in group { all.append(r) }
            return all
        }
        let elapsed = Double(nowNanos() - start) / 1e9
        var merged = Latencies()
        for r in results { merged.nanos += r.0.nanos }
        return (merged, Double(merged.nanos.count) / elapsed, results.map(\.1).reduce(0, +))
    }

    func run() async throws {
        for namespace in [options.namespace, "bench-list"] {
            let ns: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]]
            _ = try await request(.POST, "/api/v1/namespaces", body: ns.serializedBytes())
        }

        // LIST and RSS first, with exactly `pods` pods stored.
        let listPath = "/api/v1/namespaces/bench-list/pods"
        log("filling bench-list to \(options.pods) pods")
        let next = Shared(0)
        let total = options.pods
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    while true {
                        let i = next.withLock { n in defer { n += 1 }; return n }
                        guard i < total else { return }
                        _ = try? await self.request(.POST, listPath, body: self.podBody("fill-\(i)"))
                    }
                }
            }
        }
        for (label, accept) in [("json", "application/json"), ("table", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")] {
            var times = Latencies()
            var count = 0
            var bytes = 0
            for _ in 0..<5 {
                let t0 = nowNanos()
                let (status, body) = try await request(.GET, listPath, accept: accept)
                times.append(nowNanos() - t0)
                guard status == 200 else { fail("LIST \(label): HTTP \(status)") }
                bytes = body.readableBytes
                let parsed = try JSONValue.parse(body.readableBytesView)
                count = (parsed["items"] ?? parsed["rows"])?.arrayValue?.count ?? 0
            }
            print("list format=\(label) items=\(count) bytes=\(bytes) median=\(fmt(times.percentile(0.5))) max=\(fmt(times.percentile(1.0)))")
        }
        if options.pid > 0 { print("rss pods=\(options.pods) kib=\(rssKiB(options.pid))") }

        let created = Shared<[String]>([])
        for clients in [1, 16, 64] {
            log("creates, \(clients) clients, \(options.seconds)s")
            let (lat, rate, errors) = await timed(clients: clients, seconds: options.seconds) { client, index in
                let name = "c\(clients)-\(client)-\(index)"
                let (status, _) = try await self.request(.POST, self.podsPath, body: self.podBody(name))
                if status == 201 { created.withLock { $0.append(name) } }
                return status == 201
            }
            print("create clients=\(clients) rate=\(Int(rate)) p50=\(fmt(lat.percentile(0.5))) p99=\(fmt(lat.percentile(0.99))) errors=\(errors)")
        }
        let names = created.withLock { $0 }
        guard !names.isEmpty else { fail("no pod was created") }
        for clients in [1, 16, 64] {
            log("gets, \(clients) clients, \(options.seconds)s")
            let (lat, rate, errors) = await timed(clients: clients, seconds: options.seconds) { _, _ in
                let (status, _) = try await self.request(.GET, "\(self.podsPath)/\(names.randomElement()!)")
                return status == 200
            }
            print("get clients=\(clients) rate=\(Int(rate)) p50=\(fmt(lat.percentile(0.5))) p99=\(fmt(lat.percentile(0.99))) errors=\(errors)")
        }

        try await watchers()
        try await http.shutdown()
    }

    /// Watchers on ConfigMaps of a fresh namespace; one writer makes `changes` creates, each
    /// carrying its send time; every watcher records delivery latency per event.
    func watchers() async throws {
        let namespace = "bench-watch"
        let ns: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]]
        _ = try await request(.POST, "/api/v1/namespaces", body: ns.serializedBytes())
        let path = "/api/v1/namespaces/\(namespace)/configmaps"
        let (_, listBody) = try await request(.GET, path)
        let rv = (try JSONValue.parse(listBody.readableBytesView))[path: ["metadata", "resourceVersion"]]?.stringValue ?? "0"
        log("\(options.watchers) watchers, \(options.changes) changes")
        let ready = Shared(0)
        let changes = options.changes
        let marker = Array("\"bench/sent\":\"".utf8)
        let watchers = options.watchers
        let results = await withTaskGroup(of: Latencies?.self) { group -> [Latencies] in
            for _ in 0..<watchers {
                group.addTask {
                    var latencies = Latencies()
                    do {
                        var request = HTTPClientRequest(url: self.options.server + path + "?watch=true&resourceVersion=\(rv)")
                        request.headers.add(name: "Accept", value: "application/json")
                        let response = try await self.http.execute(request, timeout: .seconds(600))
                        ready.withLock { $0 += 1 }
                        var pending: [UInt8] = []
                        for try await chunk in response.body {
                            let now = nowNanos()
                            pending += chunk.readableBytesView
                            while let newline = pending.firstIndex(of: 0x0A) {
                                if let sent = Self.sentNanos(pending[..<newline], marker: marker) { latencies.append(now &- sent) }
                                pending.removeSubrange(...newline)
                            }
                            if latencies.nanos.count >= changes { break }
                        }
                    } catch {
                        // Cancelled at the deadline, or the stream failed: report what arrived.
                    }
                    return latencies
                }
            }
            while ready.withLock({ $0 }) < watchers { try? await Task.sleep(for: .milliseconds(20)) }
            try? await Task.sleep(for: .milliseconds(200))
            let t0 = nowNanos()
            for i in 0..<changes {
                let cm: JSONValue = [
                    "apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": ["name": .string("w\(i)"), "annotations": ["bench/sent": .string(String(nowNanos()))]],
                    "data": ["i": .string(String(i))],
                ]
                _ = try? await self.request(.POST, path, body: cm.serializedBytes())
            }
            log("writer done in \(fmt(Double(nowNanos() - t0) / 1e6)) ms; waiting for deliveries")
            // A watcher that has not seen every change 60 s after the last write is cut off.
            group.addTask { try? await Task.sleep(for: .seconds(60)); return nil }
            var all: [Latencies] = []
            for await result in group {
                guard let result else { group.cancelAll(); continue }
                all.append(result)
                if all.count == watchers { group.cancelAll() }
            }
            return all
        }
        var merged = Latencies()
        for r in results { merged.nanos += r.nanos }
        print("watch watchers=\(options.watchers) changes=\(changes) delivered=\(merged.nanos.count) p50=\(fmt(merged.percentile(0.5))) p99=\(fmt(merged.percentile(0.99))) max=\(fmt(merged.percentile(1.0)))")
    }

    static func sentNanos(_ line: ArraySlice<UInt8>, marker: [UInt8]) -> UInt64? {
        guard let range = line.firstRange(of: marker) else { return nil }
        var value: UInt64 = 0
        var i = range.upperBound
        while i < line.endIndex, line[i] >= 0x30, line[i] <= 0x39 {
            value = value * 10 + UInt64(line[i] - 0x30)
            i += 1
        }
        return value
    }
}

func fmt(_ v: Double) -> String { String(format: "%.2f", v) }

func rssKiB(_ pid: Int32) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    return 0
}

let bench = Bench(options: Options(CommandLine.arguments))
do {
    try await bench.run()
} catch {
    fail("\(error)")
}
