/// The keys under a prefix as a half-open byte range `[start, end)`, as etcd's `clientv3.GetPrefixRangeEnd`
/// computes it: the prefix with its last byte below 0xff incremented. Keys compare as UTF-8 bytes
/// (Swift's `String <` does too, and so does SQLite's BINARY collation), so range scans and
/// `hasPrefix` agree.
struct KeyRange: Sendable, Hashable {
    var start: [UInt8]
    /// `nil` means "to the end of the keyspace" (an empty prefix, or one of only 0xff bytes).
    var end: [UInt8]?

    init(prefix: String) {
        start = Array(prefix.utf8)
        var end = start
        while let last = end.last {
            if last < 0xff {
                end[end.count - 1] = last + 1
                self.end = end
                return
            }
            end.removeLast()
        }
        self.end = nil
    }

    func contains(_ key: String) -> Bool {
        key.utf8.starts(with: start)
    }
}

extension String {
    /// Byte-wise order, which is the order keys are listed in (not Swift's default `<`, which
    /// compares by Unicode canonical equivalence).
    static func keyOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
