import KubeAPI

/// Where a resource (or one object, or a subresource of it) lives in the REST API:
/// `/api/v1/namespaces/NS/pods/NAME/status`, `/apis/apps/v1/deployments`.
public struct ResourcePath: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var resource: String
    public var namespace: String?
    public var name: String?
    public var subresource: String?

    public init(group: String = "", version: String = "v1", resource: String, namespace: String? = nil, name: String? = nil, subresource: String? = nil) {
        self.group = group
        self.version = version
        self.resource = resource
        self.namespace = namespace
        self.name = name
        self.subresource = subresource
    }

    /// `v1` for the core group, `apps/v1` otherwise.
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    public var urlPath: String {
        var path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if let namespace, !namespace.isEmpty { path += "/namespaces/\(Self.escape(namespace))" }
        path += "/\(resource)"
        if let name {
            path += "/\(Self.escape(name))"
            if let subresource, !subresource.isEmpty { path += "/\(subresource)" }
        }
        return path
    }

    public var description: String { urlPath }

    public func named(_ name: String?) -> ResourcePath {
        var copy = self
        copy.name = name
        return copy
    }

    public func inNamespace(_ namespace: String?) -> ResourcePath {
        var copy = self
        copy.namespace = namespace
        return copy
    }

    /// Percent-encodes a path segment (object names are DNS-ish, but a user may type anything).
    static func escape(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"), UInt8(ascii: "@"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// Encodes query parameters in key order (stable URLs make tests and logs comparable).
    public static func encodeQuery(_ query: [String: String]) -> String {
        guard !query.isEmpty else { return "" }
        return "?" + query.keys.sorted().map { "\(escapeQuery($0))=\(escapeQuery(query[$0]!))" }.joined(separator: "&")
    }

    static func escapeQuery(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
