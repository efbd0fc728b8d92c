import Foundation

/// The upstream resolvers named by a resolv.conf: its `nameserver` lines, in order.
/// Besides plain addresses, `ADDRESS:PORT` (IPv4) and `[ADDRESS]:PORT` are accepted so a
/// test can point at a resolver on a loopback port; the default port is 53.
public struct ResolvConf: Sendable, Equatable {
    public struct Nameserver: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public init(host: String, port: Int = 53) {
            self.host = host
            self.port = port
        }
        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    public var nameservers: [Nameserver]

    public init(nameservers: [Nameserver]) { self.nameservers = nameservers }

    public init(contents: String) {
        var servers: [Nameserver] = []
        for line in contents.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, fields[0] == "nameserver" else { continue }
            let value = String(fields[1])
            if value.hasPrefix("["), let close = value.firstIndex(of: "]") {
                let host = String(value[value.index(after: value.startIndex)..<close])
                let port = Int(value[value.index(after: close)...].dropFirst()) ?? 53
                servers.append(Nameserver(host: host, port: port))
            } else if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":"), let port = Int(value[value.index(after: colon)...]) {
                servers.append(Nameserver(host: String(value[..<colon]), port: port))
            } else {
                servers.append(Nameserver(host: value))
            }
        }
        nameservers = servers
    }

    public static func load(path: String) throws -> ResolvConf {
        ResolvConf(contents: try String(contentsOfFile: path, encoding: .utf8))
    }
}
