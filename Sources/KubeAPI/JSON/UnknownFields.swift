/// Which keys of each JSON object a typed decode looked up. A key no field of the type matched is
/// an unknown field, found in the same pass as upstream's strict decoding finds it: no encoding
/// of the typed value back to a tree to compare against.
///
/// Only objects the type opened as keyed containers are tracked. A subtree decoded as
/// `JSONValue` is free-form and so is a dictionary (its decoding asks for all keys).
final class KeyUsage {
    /// One keyed container's lookups: bit `i` is the object's `i`th key.
    final class Opening {
        let keyCount: Int
        private var low: UInt64 = 0
        private var high: [UInt64] = []

        init(keyCount: Int) {
            self.keyCount = keyCount
            if keyCount > 64 { high = Array(repeating: 0, count: (keyCount - 1) / 64) }
        }

        func mark(_ i: Int) {
            if i < 64 { low |= 1 << UInt64(i) } else { high[i / 64 - 1] |= 1 << UInt64(i % 64) }
        }

        func markAll() {
            low = ~0
            for i in high.indices { high[i] = ~0 }
        }

        func isMarked(_ i: Int) -> Bool {
            i < 64 ? low & (1 << UInt64(i)) != 0 : high[i / 64 - 1] & (1 << UInt64(i % 64)) != 0
        }

        var allMarked: Bool { (0..<keyCount).allSatisfy(isMarked) }

        func merge(_ other: Opening) {
            low |= other.low
            for i in high.indices { high[i] |= other.high[i] }
        }
    }

    private(set) var openings: [(path: CodingPathNode, opening: Opening)] = []

    func opened(_ path: CodingPathNode, keyCount: Int) -> Opening {
        let opening = Opening(keyCount: keyCount)
        openings.append((path, opening))
        return opening
    }

    /// The lookups per object path ("spec.containers[0]"), several openings of one object merged.
    func byPath() -> [String: Opening] {
        var merged: [String: Opening] = [:]
        for (node, opening) in openings {
            let path = UnknownFields.path(node)
            if let seen = merged[path] { seen.merge(opening) } else { merged[path] = opening }
        }
        return merged
    }
}

public enum UnknownFields {
    /// Decodes `object` as `type` (as `JSONValue.decode(as:)` does) and removes from `object`
    /// every key the type never looked up, returning their paths in document order
    /// (`spec.containers[0].foo`). `keep(parentPath, value)` spares a key: it stays and is
    /// not reported.
    public static func decodeAndPrune<T: Decodable>(
        _ object: inout JSONValue, as type: T.Type, keep: (_ parentPath: String, _ value: JSONValue) -> Bool
    ) throws -> (value: T, unknown: [String]) {
        let usage = KeyUsage()
        let value = try JSONValueDecoder(object, usage: usage).decodeChild(T.self)
        // The usual case: every object was opened once and every key looked up.
        if usage.openings.allSatisfy({ $0.opening.allMarked }) { return (value, []) }
        var unknown: [String] = []
        prune(&object, path: "", usage.byPath(), keep: keep, unknown: &unknown)
        return (value, unknown)
    }

    /// Removes what `lookups` says no type looked up, below `path`; true when it removed anything.
    @discardableResult
    static func prune(
        _ value: inout JSONValue, path: String, _ lookups: [String: KeyUsage.Opening],
        keep: (String, JSONValue) -> Bool, unknown: inout [String]
    ) -> Bool {
        switch value {
        case .object(let object):
            // An object no type opened is free-form (decoded as a JSONValue) or was never reached.
            guard let used = lookups[path], used.keyCount == object.count else { return false }
            var pruned = object
            var changed = false
            for (i, (key, child)) in object.enumerated() {
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if used.isMarked(i) {
                    var c = child
                    if prune(&c, path: childPath, lookups, keep: keep, unknown: &unknown) {
                        pruned[key] = c
                        changed = true
                    }
                } else if !keep(path, child) {
                    unknown.append(childPath)
                    pruned.removeValue(forKey: key)
                    changed = true
                }
            }
            if changed { value = .object(pruned) }
            return changed
        case .array(let array):
            var pruned: [JSONValue]?
            for (i, element) in array.enumerated() {
                var e = element
                if prune(&e, path: "\(path)[\(i)]", lookups, keep: keep, unknown: &unknown) {
                    if pruned == nil { pruned = array }
                    pruned![i] = e
                }
            }
            guard let pruned else { return false }
            value = .array(pruned)
            return true
        default:
            return false
        }
    }

    /// A coding path as the API reports field paths: `spec.containers[0].name`.
    static func path(_ node: CodingPathNode) -> String {
        var keys: [IndexKey] = []
        var n: CodingPathNode? = node
        while let current = n, let key = current.key {
            keys.append(key)
            n = current.parent
        }
        var path = ""
        for key in keys.reversed() {
            if let name = key.name {
                path += path.isEmpty ? name : ".\(name)"
            } else {
                path += "[\(key.intValue ?? 0)]"
            }
        }
        return path
    }
}
