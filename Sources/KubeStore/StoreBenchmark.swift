/// A raw store benchmark (for `Scripts/bench.sh api`): `clients` concurrent tasks create 1 KiB keys
/// for half of `seconds`, then get random keys among those created for the other half.
public enum StoreBenchmark {
    public struct Result: Sendable, CustomStringConvertible {
        public var clients: Int
        public var createsPerSecond: Double
        public var getsPerSecond: Double
        /// Create latency percentiles, in seconds.
        public var p50: Double
        public var p99: Double
        /// Requests that failed (counted, not timed).
        public var errors: Int

        public var description: String {
            func format(_ value: Double) -> String { String(Int(value.rounded())) }
            func millis(_ value: Double) -> String { String(Double(Int(value * 100_000)) / 100) }
            return "clients=\(clients) creates/s=\(format(createsPerSecond)) gets/s=\(format(getsPerSecond)) "
                + "create p50=\(millis(p50))ms p99=\(millis(p99))ms errors=\(errors)"
        }
    }

    public static func run(store: any Store, clients: Int, seconds: Double, keyPrefix: String = "/bench/") async -> Result {
        let clock = ContinuousClock()
        let phase = Duration.milliseconds(Int64(seconds * 500))
        let value = [UInt8](repeating: 0x6b, count: 1024)
        let run = String(UInt64.random(in: 0...UInt64.max), radix: 36)

        let createStart = clock.now
        let createDeadline = createStart.advanced(by: phase)
        let created = await withTaskGroup(of: (client: Int, latencies: [Duration], created: Int, errors: Int).self) { group in
            for client in 0..<clients {
                group.addTask {
                    var latencies: [Duration] = []
                    var errors = 0
                    var index = 0
                    while clock.now < createDeadline {
                        let key = "\(keyPrefix)\(run)/\(client)/\(index)"
                        let start = clock.now
                        do {
                            _ = try await store.create(key, value: value, ttl: nil)
                            latencies.append(clock.now - start)
                            index += 1
                        } catch {
                            errors += 1
                        }
                    }
                    return (client, latencies, index, errors)
                }
            }
            var all: [(client: Int, latencies: [Duration], created: Int, errors: Int)] = []
            for await result in group { all.append(result) }
            return all.sorted { $0.client < $1.client }
        }
        let createElapsed = (clock.now - createStart).seconds
        let latencies = created.flatMap(\.latencies).sorted()
        let perClient = created.map(\.created)

        let getStart = clock.now
        let getDeadline = getStart.advanced(by: phase)
        let gets = await withTaskGroup(of: (count: Int, errors: Int).self) { group in
            for _ in 0..<clients {
                group.addTask {
                    var count = 0
                    var errors = 0
                    while clock.now < getDeadline {
                        let owner = Int.random(in: 0..<clients)
                        guard perClient[owner] > 0 else { continue }
                        let key = "\(keyPrefix)\(run)/\(owner)/\(Int.random(in: 0..<perClient[owner]))"
                        do {
                            if try await store.get(key) != nil { count += 1 } else { errors += 1 }
                        } catch {
                            errors += 1
                        }
                    }
                    return (count, errors)
                }
            }
            var total = (count: 0, errors: 0)
            for await result in group {
                total.count += result.count
                total.errors += result.errors
            }
            return total
        }
        let getElapsed = (clock.now - getStart).seconds

        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))].seconds
        }
        return Result(
            clients: clients,
            createsPerSecond: Double(latencies.count) / createElapsed,
            getsPerSecond: Double(gets.count) / getElapsed,
            p50: percentile(0.50), p99: percentile(0.99),
            errors: created.map(\.errors).reduce(0, +) + gets.errors)
    }
}
