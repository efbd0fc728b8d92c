import Foundation

/// One etcd client URL from `--etcd-servers`: `http://HOST:PORT` (or `HOST:PORT`), as etcd's
/// `--advertise-client-urls` prints it. TLS (`https://`) is not supported yet and is refused by name.
public struct EtcdEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init(parsing url: String) throws(StoreError) {
        var rest = Substring(url.trimmingCharacters(in: .whitespaces))
        if rest.hasPrefix("https://") {
            throw .unavailable("etcd endpoint \(url): https is not supported; use an http:// client URL")
        }
        if rest.hasPrefix("http://") { rest = rest.dropFirst("http://".count) }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        let host: Substring
        let portText: Substring
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = rest[rest.index(after: rest.startIndex)..<close]
            let afterBracket = rest[rest.index(after: close)...]
            portText = afterBracket.hasPrefix(":") ? afterBracket.dropFirst() : ""
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
            portText = ""
        }
        let port = portText.isEmpty ? 2379 : Int(portText)
        guard !host.isEmpty, let port, (1...65535).contains(port) else {
            throw .unavailable("etcd endpoint \"\(url)\": expected http://HOST:PORT")
        }
        self.host = String(host)
        self.port = port
    }

    /// A comma-separated `--etcd-servers` value.
    public static func parseList(_ list: String) throws(StoreError) -> [EtcdEndpoint] {
        var endpoints: [EtcdEndpoint] = []
        for part in list.split(separator: ",") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            endpoints.append(try EtcdEndpoint(parsing: String(part)))
        }
        if endpoints.isEmpty { throw .unavailable("no etcd endpoints in \"\(list)\"") }
        return endpoints
    }

    public var description: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }
}
