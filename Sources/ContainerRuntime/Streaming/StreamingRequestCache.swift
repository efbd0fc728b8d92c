import CRI
import Foundation
import Synchronization

/// A streaming request the CRI accepted and the streaming server will serve once.
public enum StreamingRequest: Sendable, Equatable {
    case exec(Runtime_V1_ExecRequest)
    case attach(Runtime_V1_AttachRequest)
    case portForward(Runtime_V1_PortForwardRequest)

    /// The URL path segment: /exec/<token>, /attach/<token>, /portforward/<token>.
    public var kind: String {
        switch self {
        case .exec: "exec"
        case .attach: "attach"
        case .portForward: "portforward"
        }
    }
}

/// One-shot tokens for streaming requests, as upstream's streaming server's request cache:
/// each token is valid for `timeToLive` (1 minute) and is consumed by its first use; at most
/// `capacity` tokens are outstanding (the oldest is dropped first).
public final class StreamingRequestCache: Sendable {
    struct Entry {
        var request: StreamingRequest
        var expires: ContinuousClock.Instant
    }

    public let timeToLive: Duration
    let capacity: Int
    let clock: @Sendable () -> ContinuousClock.Instant
    let entries = Mutex<[(token: String, entry: Entry)]>([])

    public init(timeToLive: Duration = .seconds(60), capacity: Int = 1000,
                clock: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.timeToLive = timeToLive
        self.capacity = capacity
        self.clock = clock
    }

    /// Stores the request and returns its token (URL-safe base64 of 16 random bytes).
    public func insert(_ request: StreamingRequest) -> String {
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        let token = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let now = clock()
        entries.withLock { entries in
            entries.removeAll { $0.entry.expires <= now }
            if entries.count >= capacity { entries.removeFirst(entries.count - capacity + 1) }
            entries.append((token, Entry(request: request, expires: now + timeToLive)))
        }
        return token
    }

    /// The request for `token` if it exists and has not expired; removes it either way.
    public func consume(_ token: String) -> StreamingRequest? {
        let now = clock()
        return entries.withLock { entries in
            guard let index = entries.firstIndex(where: { $0.token == token }) else { return nil }
            let entry = entries.remove(at: index).entry
            return entry.expires > now ? entry.request : nil
        }
    }

    /// Whether `token` is present and unexpired, without consuming it (the upgrade check).
    public func contains(_ token: String) -> Bool {
        let now = clock()
        return entries.withLock { $0.contains { $0.token == token && $0.entry.expires > now } }
    }
}
