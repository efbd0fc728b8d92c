import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// Go-style text for a failed connection, as upstream's probe messages carry it
/// (`dial tcp 10.244.0.5:8080: connect: connection refused`, `dial tcp …: i/o timeout`).
enum DialErrorText {
    static func describe(_ error: any Error, address: String) -> String {
        "dial tcp \(address): \(reason(error))"
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            if let failure = error.connectionErrors.last { return reason(failure.error) }
            if let dns = error.dnsAError ?? error.dnsAAAAError { return "lookup \(error.host): \(reason(dns))" }
            return "no addresses for \(error.host)"
        case let error as IOError:
            return "connect: " + errnoText(error.errnoCode)
        case let error as ChannelError:
            if case .connectTimeout = error { return "i/o timeout" }
            return String(describing: error)
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout: return "i/o timeout"
            case .deadlineExceeded, .readTimeout, .getConnectionFromPoolTimeout:
                return "context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
            case .remoteConnectionClosed: return "EOF"
            default: return String(describing: error)
            }
        default:
            return String(describing: error)
        }
    }

    /// Go prints syscall errors in lower case without the errno name ("connection refused").
    static func errnoText(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
