import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The node's InternalIP when --node-ip is not given: the first IPv4 address of an up,
/// non-loopback interface (upstream resolves the host name, then falls back to the default
/// route's interface); loopback when there is none (a node inside a bare network namespace).
public enum NodeAddresses {
    public static func defaultNodeIP() -> String {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return "127.0.0.1" }
        defer { freeifaddrs(list) }
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            let flags = Int(entry.pointee.ifa_flags)
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET),
                  flags & 0x1 != 0 /* IFF_UP */, flags & 0x8 == 0 /* IFF_LOOPBACK */ else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 {
                return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
        return "127.0.0.1"
    }
}
