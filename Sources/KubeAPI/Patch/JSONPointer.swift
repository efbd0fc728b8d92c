/// An RFC 6901 JSON Pointer: `/spec/containers/0/image`, with `~1` for `/` and `~0` for `~`.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible {
    /// The unescaped reference tokens; empty for the whole document.
    public var tokens: [String]

    public init(tokens: [String]) { self.tokens = tokens }

    public init(_ text: String) throws(JSONPointerError) {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { throw JSONPointerError(pointer: text, reason: "must start with '/'") }
        var result: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = raw.makeIterator()
            while let c = iterator.next() {
                guard c == "~" else {
                    token.append(c)
                    continue
                }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw JSONPointerError(pointer: text, reason: "'~' must be followed by '0' or '1'")
                }
            }
            result.append(token)
        }
        tokens = result
    }

    public var description: String {
        tokens.map { token in
            var escaped = "/"
            for c in token {
                switch c {
                case "~": escaped += "~0"
                case "/": escaped += "~1"
                default: escaped.append(c)
                }
            }
            return escaped
        }.joined()
    }

    /// Whether `self` names a member strictly inside `other`'s value.
    public func isStrictlyInside(_ other: JSONPointer) -> Bool {
        tokens.count > other.tokens.count && Array(tokens.prefix(other.tokens.count)) == other.tokens
    }
}

public struct JSONPointerError: Error, Hashable, Sendable, CustomStringConvertible {
    public var pointer: String
    public var reason: String
    public var description: String { "invalid JSON pointer \"\(pointer)\": \(reason)" }
}
