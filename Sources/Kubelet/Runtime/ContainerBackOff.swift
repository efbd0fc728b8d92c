import Foundation
import Synchronization

/// Exponential back-off per key, as upstream's flowcontrol.Backoff the kubelet uses for crashing
/// containers and failing image pulls: `initial` (10 s) doubling per failure up to `maximum`
/// (5 min); an entry not touched for 2 × maximum (10 min) starts over at `initial`.
public final class BackOff: Sendable {
    struct Entry {
        var backOff: Duration
        var lastUpdate: Date
    }

    public let initial: Duration
    public let maximum: Duration
    let now: @Sendable () -> Date
    let entries = Mutex<[String: Entry]>([:])

    public init(initial: Duration = .seconds(10), maximum: Duration = .seconds(300), now: @escaping @Sendable () -> Date = Date.init) {
        self.initial = initial
        self.maximum = maximum
        self.now = now
    }

    /// The current back-off of `key` (zero when it has none).
    public func get(_ key: String) -> Duration {
        entries.withLock { $0[key]?.backOff ?? .zero }
    }

    /// Records a failure at `eventTime`: the first (or first after expiry) gets `initial`, each
    /// later one doubles it up to `maximum`.
    public func next(_ key: String, eventTime: Date) {
        let current = now()
        entries.withLock { entries in
            if var entry = entries[key], !hasExpired(entry, at: eventTime) {
                entry.backOff = min(entry.backOff * 2, maximum)
                entry.lastUpdate = current
                entries[key] = entry
            } else {
                entries[key] = Entry(backOff: initial, lastUpdate: current)
            }
        }
    }

    /// Whether `key` is still backing off from a failure that happened at `eventTime`.
    public func isInBackOffSince(_ key: String, eventTime: Date) -> Bool {
        let current = now()
        return entries.withLock { entries in
            guard let entry = entries[key], !hasExpired(entry, at: current) else { return false }
            return current.timeIntervalSince(eventTime) < entry.backOff.seconds
        }
    }

    /// How long until `key`'s back-off from `eventTime` ends (nil: it is not backing off).
    public func remaining(_ key: String, eventTime: Date) -> Duration? {
        let current = now()
        return entries.withLock { entries in
            guard let entry = entries[key], !hasExpired(entry, at: current) else { return nil }
            let left = entry.backOff.seconds - current.timeIntervalSince(eventTime)
            return left > 0 ? .milliseconds(Int64(left * 1000)) : nil
        }
    }

    /// Drops entries idle for more than 2 × maximum.
    public func gc() {
        let current = now()
        entries.withLock { entries in entries = entries.filter { !hasExpired($0.value, at: current) } }
    }

    public func reset(_ key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    func hasExpired(_ entry: Entry, at time: Date) -> Bool {
        time.timeIntervalSince(entry.lastUpdate) > (maximum * 2).seconds
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }

    /// Go's time.Duration.String for whole and fractional seconds and minutes ("10s", "1m20s", "5m0s").
    var goString: String {
        let total = seconds
        if total < 60 {
            return total == total.rounded() ? "\(Int(total))s" : String(format: "%gs", total)
        }
        let minutes = Int(total) / 60
        let rest = total - Double(minutes * 60)
        let restText = rest == rest.rounded() ? "\(Int(rest))" : String(format: "%g", rest)
        return "\(minutes)m\(restText)s"
    }
}
