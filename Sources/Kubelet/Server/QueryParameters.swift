import Foundation

/// A URL query as Go's `url.ParseQuery` reads it: repeated keys kept in order (`command=a&command=b`),
/// `+` as a space, percent-escapes decoded.
struct QueryParameters: Sendable {
    var pairs: [(name: String, value: String)]

    init(_ pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

    init(raw: String?) {
        pairs = []
        guard let raw, !raw.isEmpty else { return }
        for part in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            pairs.append((Self.unescape(kv[0]), kv.count > 1 ? Self.unescape(kv[1]) : ""))
        }
    }

    static func unescape(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }
    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// Go's strconv.ParseBool, as the parameter codec uses for booleans.
    func bool(_ name: String) -> Bool? {
        guard let value = self[name] else { return nil }
        switch value {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False", "": return false
        default: return nil
        }
    }
}
