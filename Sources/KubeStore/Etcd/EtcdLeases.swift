import EtcdAPI
import Synchronization

/// Leases for keys with a TTL (Events). As upstream's apiserver does (storage/etcd3/lease_manager.go),
/// a lease is shared by the writes of a short window instead of granted per key: it is granted for
/// `ttl + reuse + 1` seconds, where `reuse` is 5% of the TTL (at most 60 s), and later keys use it while it
/// outlives their TTL by no more than `reuse`. A key may so live up to `reuse + 1` seconds longer than asked.
final class EtcdLeases: Sendable {
    private struct Granted {
        var id: Int64
        var expires: ContinuousClock.Instant
    }

    private let previous = Mutex<Granted?>(nil)
    private let reusePercent = 0.05
    private let maxReuseSeconds: Int64 = 60

    /// A lease ID that keeps a key for at least `ttl` seconds.
    func lease(ttl: Int64, on member: EtcdMember, timeout: Duration) async throws(EtcdFailure) -> Int64 {
        let now = ContinuousClock.now
        let reuse = min(Int64(reusePercent * Double(ttl)), maxReuseSeconds)
        if let reusable = previous.withLock({ granted -> Int64? in
            guard let granted else { return nil }
            let valid = now.advanced(by: .seconds(ttl)) < granted.expires
            let sufficient = now.advanced(by: .seconds(ttl + reuse)) > granted.expires
            return valid && sufficient ? granted.id : nil
        }) {
            return reusable
        }
        var request = Etcdserverpb_LeaseGrantRequest()
        // The lease's clock starts at the grant, the key's at the write after it: one more second
        // keeps "at least ttl from the write" true when the write is slow.
        request.ttl = ttl + reuse + 1
        let response: Etcdserverpb_LeaseGrantResponse
        do {
            response = try await member.lease.leaseGrant(request, metadata: EtcdMessages.requireLeader, options: EtcdMessages.callOptions(timeout: timeout))
        } catch {
            throw EtcdFailure(error)
        }
        if !response.error.isEmpty { throw .fatal("lease grant (ttl \(ttl)): \(response.error)") }
        // The server may raise a TTL below its minimum; the lease then lasts longer, never shorter.
        previous.withLock { $0 = Granted(id: response.id, expires: now.advanced(by: .seconds(ttl + reuse))) }
        return response.id
    }

    /// Forgets `id` (etcd said it does not exist, e.g. it expired early) so the next write gets a new one.
    func forget(_ id: Int64) {
        previous.withLock { if $0?.id == id { $0 = nil } }
    }

    static func isLeaseNotFound(_ failure: EtcdFailure) -> Bool {
        if case .fatal(let message) = failure { return message.contains("requested lease not found") }
        return false
    }
}
