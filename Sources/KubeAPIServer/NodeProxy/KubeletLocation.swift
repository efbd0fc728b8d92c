import Foundation
import KubeAPI

/// Where the apiserver reaches a node's kubelet, as upstream's NodeConnectionInfoGetter resolves it:
/// the Node's InternalIP (then ExternalIP, then Hostname) and `status.daemonEndpoints.kubeletEndpoint.Port`
/// (10250 when unset). Plain HTTP: the kubelet server has no TLS yet.
struct KubeletLocation: Sendable, Equatable {
    static let preferredAddressTypes = ["InternalIP", "ExternalIP", "Hostname"]
    static let defaultPort: Int64 = 10250

    var scheme = "http"
    var host: String
    var port: Int64

    var baseURL: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(h):\(port)"
    }

    init(host: String, port: Int64) {
        self.host = host
        self.port = port
    }

    init(node: JSONValue) throws(APIError) {
        let addresses = node[path: ["status", "addresses"]]?.arrayValue ?? []
        var chosen: String?
        for type in Self.preferredAddressTypes {
            if let address = addresses.first(where: { $0["type"]?.stringValue == type })?["address"]?.stringValue, !address.isEmpty {
                chosen = address
                break
            }
        }
        guard let chosen else {
            let known = addresses.map { "{\($0["type"]?.stringValue ?? "") \($0["address"]?.stringValue ?? "")}" }.joined(separator: " ")
            throw APIError(code: 500, reason: "", message: "no preferred addresses found; known addresses: [\(known)]")
        }
        host = chosen
        let port = node[path: ["status", "daemonEndpoints", "kubeletEndpoint", "Port"]]?.intValue ?? 0
        self.port = port > 0 ? port : Self.defaultPort
    }

    /// Go's url.Values.Encode: keys sorted, values in order, `+` for spaces.
    static func encodeQuery(_ pairs: [(String, String)]) -> String {
        let sorted = pairs.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
        return sorted.map { "\(queryEscape($0.0))=\(queryEscape($0.1))" }.joined(separator: "&")
    }

    static func queryEscape(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            case UInt8(ascii: " "): out.append("+")
            default: out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
