import Dispatch
import Foundation
import Glibc

/// Sends queries for names outside the cluster domain to the node's resolvers, unchanged,
/// and returns their answer: over UDP, retried over TCP when the answer comes back truncated;
/// the next server is tried when one times out or fails.
public struct UpstreamForwarder: Sendable {
    public var servers: [ResolvConf.Nameserver]
    public var timeout: Duration

    public init(servers: [ResolvConf.Nameserver], timeout: Duration = .seconds(2)) {
        self.servers = servers
        self.timeout = timeout
    }

    public func forward(_ query: [UInt8], overTCP: Bool = false) async throws(ForwardingError) -> [UInt8] {
        guard query.count >= 2 else { throw .noAnswer(tried: []) }
        let (servers, timeout) = (self.servers, self.timeout)
        let result: Result<[UInt8], ForwardingError> = await withCheckedContinuation { continuation in
            // Blocking sockets with a receive timeout, off the cooperative pool.
            DispatchQueue.global().async {
                var failures: [String] = []
                for server in servers {
                    do throws(ForwardingError) {
                        var answer = overTCP ? try Self.exchangeTCP(query, server: server, timeout: timeout) : try Self.exchangeUDP(query, server: server, timeout: timeout)
                        if !overTCP, answer.count > 2, answer[2] & 0x02 != 0 {
                            answer = try Self.exchangeTCP(query, server: server, timeout: timeout)
                        }
                        continuation.resume(returning: .success(answer))
                        return
                    } catch {
                        failures.append("\(server): \(error)")
                    }
                }
                continuation.resume(returning: .failure(.noAnswer(tried: failures)))
            }
        }
        return try result.get()
    }

    static func address(_ server: ResolvConf.Nameserver) throws(ForwardingError) -> (storage: sockaddr_storage, length: socklen_t, family: Int32) {
        var storage = sockaddr_storage()
        if server.host.contains(":") {
            var addr = sockaddr_in6()
            addr.sin6_family = sa_family_t(AF_INET6)
            addr.sin6_port = in_port_t(UInt16(server.port).bigEndian)
            guard inet_pton(AF_INET6, server.host, &addr.sin6_addr) == 1 else { throw .badAddress(server.description) }
            withUnsafeMutableBytes(of: &storage) { dst in withUnsafeBytes(of: addr) { dst.copyMemory(from: $0) } }
            return (storage, socklen_t(MemoryLayout<sockaddr_in6>.size), AF_INET6)
        }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(server.port).bigEndian)
        guard inet_pton(AF_INET, server.host, &addr.sin_addr) == 1 else { throw .badAddress(server.description) }
        withUnsafeMutableBytes(of: &storage) { dst in withUnsafeBytes(of: addr) { dst.copyMemory(from: $0) } }
        return (storage, socklen_t(MemoryLayout<sockaddr_in>.size), AF_INET)
    }

    static func socketFor(_ server: ResolvConf.Nameserver, type: Int32, timeout: Duration) throws(ForwardingError) -> Int32 {
        let (storage, length, family) = try address(server)
        let fd = socket(family, type | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .socket("socket: errno \(errno)") }
        let (seconds, attoseconds) = timeout.components
        var tv = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var target = storage
        let rc = withUnsafePointer(to: &target) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) } }
        guard rc == 0 else {
            let code = errno
            close(fd)
            throw .socket("connect \(server): errno \(code)")
        }
        return fd
    }

    static func exchangeUDP(_ query: [UInt8], server: ResolvConf.Nameserver, timeout: Duration) throws(ForwardingError) -> [UInt8] {
        let fd = try socketFor(server, type: Int32(SOCK_DGRAM.rawValue), timeout: timeout)
        defer { close(fd) }
        guard query.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == query.count else { throw .socket("send \(server): errno \(errno)") }
        var buffer = [UInt8](repeating: 0, count: 65535)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                throw errno == EAGAIN || errno == EWOULDBLOCK ? .timeout(server.description) : .socket("recv \(server): errno \(errno)")
            }
            // Only the answer to this query (same id) counts.
            if n >= 2, buffer[0] == query[0], buffer[1] == query[1] { return Array(buffer[0..<n]) }
        }
    }

    static func exchangeTCP(_ query: [UInt8], server: ResolvConf.Nameserver, timeout: Duration) throws(ForwardingError) -> [UInt8] {
        let fd = try socketFor(server, type: Int32(SOCK_STREAM.rawValue), timeout: timeout)
        defer { close(fd) }
        let framed = [UInt8(query.count >> 8), UInt8(query.count & 0xff)] + query
        guard framed.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == framed.count else {
            throw .socket("send \(server): errno \(errno)")
        }
        func readExactly(_ count: Int) throws(ForwardingError) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: count)
            var got = 0
            while got < count {
                let n = out.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + got, count - got, 0) }
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw errno == EAGAIN ? .timeout(server.description) : .socket("recv \(server): errno \(errno)") }
                if n == 0 { throw .socket("\(server) closed the connection after \(got) of \(count) bytes") }
                got += n
            }
            return out
        }
        let header = try readExactly(2)
        return try readExactly(Int(header[0]) << 8 | Int(header[1]))
    }
}

public enum ForwardingError: Error, Sendable, CustomStringConvertible {
    case badAddress(String)
    case socket(String)
    case timeout(String)
    case noAnswer(tried: [String])

    public var description: String {
        switch self {
        case .badAddress(let s): "bad upstream resolver address \(s)"
        case .socket(let s): s
        case .timeout(let s): "no answer from \(s) in time"
        case .noAnswer(let tried): tried.isEmpty ? "no upstream resolvers" : "no upstream resolver answered: \(tried.joined(separator: "; "))"
        }
    }
}
