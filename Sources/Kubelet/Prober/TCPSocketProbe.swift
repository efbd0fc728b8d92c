import NIOCore
import NIOPosix

/// tcpSocket: success when a TCP connection to host:port opens within the timeout
/// (upstream's DoTCPProbe); the connection is closed at once.
enum TCPSocketProbe {
    static func probe(host: String, port: Int, timeout: Duration) async -> ProbeRunOutput {
        let address = HostPort.join(host: host, port: port)
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.nanoseconds(Int64(timeout.nanosecondsClamped)))
                .connect(host: host, port: port)
                .get()
            channel.close(promise: nil)
            return .success("")
        } catch {
            return .failure(DialErrorText.describe(error, address: address))
        }
    }
}

extension Duration {
    var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product + attoseconds / 1_000_000_000
    }
}

/// net.JoinHostPort: IPv6 literals in brackets.
enum HostPort {
    static func join(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
