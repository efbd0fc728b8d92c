/// A domain name as its labels (RFC 1035 §3.1). Comparison and lookup are case-insensitive
/// (RFC 4343): `key` is the lower-cased dotted form without the final dot.
public struct DNSName: Hashable, Sendable, CustomStringConvertible {
    public var labels: [String]

    public init(labels: [String]) { self.labels = labels }

    /// `"web.default.svc.cluster.local."` or without the trailing dot; "." or "" is the root.
    public init(_ text: String) {
        labels = text.split(separator: ".", omittingEmptySubsequences: true).map(String.init)
    }

    public static let root = DNSName(labels: [])

    public var key: String { labels.joined(separator: ".").lowercased() }
    public var description: String { labels.isEmpty ? "." : labels.joined(separator: ".") + "." }

    public static func == (lhs: DNSName, rhs: DNSName) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    /// Whether this name is `zone` or below it.
    public func isSubdomain(of zone: DNSName) -> Bool {
        guard labels.count >= zone.labels.count else { return false }
        return zip(labels.suffix(zone.labels.count), zone.labels).allSatisfy { $0.lowercased() == $1.lowercased() }
    }

    /// The labels in front of `zone` (call only when `isSubdomain(of: zone)`).
    public func relative(to zone: DNSName) -> [String] {
        Array(labels.prefix(labels.count - zone.labels.count)).map { $0.lowercased() }
    }

    public func prepending(_ more: [String]) -> DNSName { DNSName(labels: more + labels) }
}
