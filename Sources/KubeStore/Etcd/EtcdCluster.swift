import Synchronization

/// The etcd members the store was given, and which one it is talking to. Every call goes to the
/// preferred member; when that fails in a way another member could serve, the call moves to the
/// next member and is retried until `deadline`, so a member going away costs one failed attempt,
/// not an error. A request that may already have been applied (`.outcomeUnknown`) is retried only
/// when the caller says that is safe (reads; creates, which recognise their own earlier attempt;
/// guarded writes whose guard still holds);
/// otherwise the caller gets `.unavailable` saying the outcome is unknown, as upstream's apiserver
/// reports a write that timed out.
final class EtcdCluster: Sendable {
    let members: [EtcdMember]
    private let preferred = Atomic<Int>(0)
    private let closed = Atomic<Bool>(false)

    init(endpoints: [EtcdEndpoint]) throws(StoreError) {
        var members: [EtcdMember] = []
        for endpoint in endpoints { members.append(try EtcdMember(endpoint: endpoint)) }
        self.members = members
    }

    var endpointList: String { members.map(\.endpoint.description).joined(separator: ",") }
    var isClosed: Bool { closed.load(ordering: .acquiring) }

    /// The member calls should go to now.
    var current: EtcdMember { members[preferred.load(ordering: .relaxed) % members.count] }

    /// Moves off `member` if it is still the preferred one (several failing calls move once).
    func failover(from member: EtcdMember) {
        guard members.count > 1, let index = members.firstIndex(where: { $0 === member }) else { return }
        _ = preferred.compareExchange(expected: index, desired: (index + 1) % members.count, ordering: .relaxed)
    }

    /// Runs `body` against the preferred member, failing over and retrying failures another member may not have
    /// until `deadline` passes. `body` gets the member and the attempt number (1 for the first).
    func call<T: Sendable>(
        _ what: String, deadline: Duration, retryUnknownOutcome: Bool = true,
        unapplied: (@Sendable () async -> Bool)? = nil,
        _ body: (EtcdMember, Int) async throws(EtcdFailure) -> T
    ) async throws(StoreError) -> T {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: deadline)
        var attempt = 0
        var backoff = Duration.milliseconds(20)
        var lastFailure = ""
        while true {
            if isClosed { throw .unavailable("etcd store (\(endpointList)) is closed") }
            attempt += 1
            let member = current
            do throws(EtcdFailure) {
                return try await body(member, attempt)
            } catch {
                switch error {
                case .notSent(let message):
                    lastFailure = "\(member.endpoint): \(message)"
                    failover(from: member)
                case .outcomeUnknown(let message):
                    failover(from: member)
                    // A guarded write can be checked: still guarded as before means it was not applied
                    // (and if it is still in flight, the guard lets only one of the two through).
                    let safe: Bool
                    if retryUnknownOutcome { safe = true } else if let unapplied { safe = await unapplied() } else { safe = false }
                    if !safe {
                        throw .unavailable("\(what): outcome unknown, etcd \(member.endpoint) failed after the request was sent: \(message)")
                    }
                    lastFailure = "\(member.endpoint): \(message)"
                case .compacted, .futureRevision:
                    throw .internal("\(what): unexpected \(error) from etcd \(member.endpoint)")
                case .fatal(let message):
                    throw .internal("\(what) on etcd \(member.endpoint): \(message)")
                }
            }
            // Each member gets one quick try per round; between rounds, back off.
            if attempt % members.count == 0 {
                if clock.now.advanced(by: backoff) >= end || Task.isCancelled {
                    throw .unavailable("no etcd member answered \(what) (\(attempt) attempts); last: \(lastFailure)")
                }
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .milliseconds(500))
            } else if clock.now >= end {
                throw .unavailable("no etcd member answered \(what) (\(attempt) attempts); last: \(lastFailure)")
            }
        }
    }

    func close() {
        guard closed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        for member in members { member.close() }
    }
}
