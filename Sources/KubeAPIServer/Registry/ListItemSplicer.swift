/// The LIST fast path: turns a stored object's bytes into the bytes of a list item without
/// parsing it into a tree — `kind` and `apiVersion` left out (list items carry none, as
/// upstream) and `metadata.resourceVersion` appended to `metadata`, where reading the object
/// would put it. Stored values are this server's own compact serialization, so the result is
/// byte-for-byte what parsing and re-serializing gives; anything unexpected returns false and
/// the caller takes the parsing path.
enum ListItemSplicer {
    static func append(_ value: [UInt8], resourceVersion: Int64, to out: inout [UInt8]) -> Bool {
        value.withUnsafeBufferPointer { bytes in
            var scanner = Scanner(bytes: bytes)
            return scanner.splice(resourceVersion: resourceVersion, into: &out)
        }
    }

    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
        static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
        static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":")

        mutating func splice(resourceVersion: Int64, into out: inout [UInt8]) -> Bool {
            let mark = out.count
            guard bytes.count >= 2, bytes[0] == Self.openBrace else { return false }
            index = 1
            out.append(Self.openBrace)
            var first = true
            var sawMetadata = false
            if bytes[index] == Self.closeBrace { return fail(&out, mark) }
            while true {
                guard index < bytes.count, bytes[index] == Self.quote else { return fail(&out, mark) }
                let keyStart = index
                guard skipString() else { return fail(&out, mark) }
                let key = UnsafeBufferPointer(rebasing: bytes[keyStart..<index])
                guard index < bytes.count, bytes[index] == Self.colon else { return fail(&out, mark) }
                index += 1
                let valueStart = index
                guard skipValue() else { return fail(&out, mark) }
                let value = UnsafeBufferPointer(rebasing: bytes[valueStart..<index])
                if !Self.equals(key, "\"apiVersion\"") && !Self.equals(key, "\"kind\"") {
                    if !first { out.append(Self.comma) }
                    first = false
                    out.append(contentsOf: key)
                    out.append(Self.colon)
                    if Self.equals(key, "\"metadata\"") {
                        guard value.count >= 2, value[0] == Self.openBrace, !Self.contains(value, "\"resourceVersion\":") else {
                            return fail(&out, mark)
                        }
                        sawMetadata = true
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: value[0..<(value.count - 1)]))
                        if value.count > 2 { out.append(Self.comma) }
                        out.append(contentsOf: "\"resourceVersion\":\"".utf8)
                        out.append(contentsOf: String(resourceVersion).utf8)
                        out.append(contentsOf: "\"}".utf8)
                    } else {
                        out.append(contentsOf: value)
                    }
                }
                guard index < bytes.count else { return fail(&out, mark) }
                if bytes[index] == Self.comma {
                    index += 1
                } else if bytes[index] == Self.closeBrace, index == bytes.count - 1 {
                    break
                } else {
                    return fail(&out, mark)
                }
            }
            guard sawMetadata else { return fail(&out, mark) }
            out.append(Self.closeBrace)
            return true
        }

        func fail(_ out: inout [UInt8], _ mark: Int) -> Bool {
            out.removeSubrange(mark...)
            return false
        }

        /// Past a string starting at `index` (its opening quote).
        mutating func skipString() -> Bool {
            index += 1
            while index < bytes.count {
                let b = bytes[index]
                if b == Self.backslash {
                    index += 2
                } else if b == Self.quote {
                    index += 1
                    return true
                } else {
                    index += 1
                }
            }
            return false
        }

        /// Past one compact JSON value (no whitespace: this server's own output).
        mutating func skipValue() -> Bool {
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case Self.quote:
                return skipString()
            case Self.openBrace, Self.openBracket:
                var depth = 0
                while index < bytes.count {
                    let b = bytes[index]
                    if b == Self.quote {
                        guard skipString() else { return false }
                        continue
                    }
                    if b == Self.openBrace || b == Self.openBracket { depth += 1 }
                    if b == Self.closeBrace || b == Self.closeBracket {
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            return true
                        }
                    }
                    index += 1
                }
                return false
            default:
                // Number or literal: up to the next delimiter.
                let start = index
                while index < bytes.count, bytes[index] != Self.comma, bytes[index] != Self.closeBrace, bytes[index] != Self.closeBracket {
                    index += 1
                }
                return index > start
            }
        }

        static func equals(_ buffer: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
            guard buffer.count == literal.utf8CodeUnitCount else { return false }
            let start = literal.utf8Start
            for i in 0..<buffer.count where buffer[i] != start[i] { return false }
            return true
        }

        /// Whether `needle` occurs at the top level of the object `buffer` — checked only as a
        /// substring, which is conservative: a false positive just takes the slow path.
        static func contains(_ buffer: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
            let n = needle.utf8CodeUnitCount
            guard buffer.count >= n else { return false }
            let start = needle.utf8Start
            var i = 0
            outer: while i <= buffer.count - n {
                for j in 0..<n where buffer[i + j] != start[j] {
                    i += 1
                    continue outer
                }
                return true
            }
            return false
        }
    }
}
