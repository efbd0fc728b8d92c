import Foundation
import KubeAPI
import Synchronization

/// Projected service-account tokens per pod, refreshed as upstream's token manager does: once 80%
/// of the token's lifetime has passed, or after 24 hours, whichever is first. Without it every pod
/// resync would mint a new TokenRequest.
final class ServiceAccountTokenCache: Sendable {
    private struct Key: Hashable {
        var podUID: String
        var namespace: String
        var serviceAccountName: String
        var audiences: [String]
        var expirationSeconds: Int64
    }

    private struct Entry {
        var token: String
        var refreshAfter: Date
    }

    private let entries = Mutex<[Key: Entry]>([:])

    func token(podUID: String, namespace: String, serviceAccountName: String, audiences: [String], expirationSeconds: Int64,
               pod: Pod, objects: any KubeletObjectSource, now: Date = Date()) async throws -> String {
        let key = Key(podUID: podUID, namespace: namespace, serviceAccountName: serviceAccountName,
                      audiences: audiences, expirationSeconds: expirationSeconds)
        if let cached = entries.withLock({ $0[key] }), now < cached.refreshAfter { return cached.token }
        let token = try await objects.serviceAccountToken(namespace: namespace, serviceAccountName: serviceAccountName,
                                                          audiences: audiences, expirationSeconds: expirationSeconds, pod: pod)
        let lifetime = min(Double(expirationSeconds) * 0.8, 24 * 3600)
        entries.withLock { $0[key] = Entry(token: token, refreshAfter: now.addingTimeInterval(lifetime)) }
        return token
    }

    func forget(podUID: String) {
        entries.withLock { entries in entries = entries.filter { $0.key.podUID != podUID } }
    }
}
