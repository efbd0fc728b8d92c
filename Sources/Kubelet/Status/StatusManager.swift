import Foundation
import KubeAPI
import KubeClient
import Logging
import Synchronization

/// Writes pod statuses to the API only when they changed (upstream's status manager): the
/// last status sent per pod is remembered, so a status equal to it, or to what the API already
/// holds, costs nothing. Writes are merge patches of `status`, which replace its lists whole.
public final class StatusManager: Sendable {
    let client: RESTClient
    let logger: Logger
    let sent = Mutex<[String: PodStatus]>([:])

    public init(client: RESTClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The status last written for the pod (newer than an informer's copy may be).
    public func latest(uid: String) -> PodStatus? {
        sent.withLock { $0[uid] }
    }

    /// Writes `status` unless the API (as `pod` shows it) or the last write already has it.
    public func setStatus(_ pod: Pod, _ status: PodStatus) async {
        guard let uid = pod.metadata.uid, let name = pod.metadata.name else { return }
        let unchanged = sent.withLock { sent -> Bool in
            if sent[uid] == status { return true }
            if pod.status == status {
                sent[uid] = status
                return true
            }
            return false
        }
        if unchanged { return }
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            let statusJSON = try encoder.encode(status)
            let body = Array(#"{"status":"#.utf8) + Array(statusJSON) + Array("}".utf8)
            let path = ResourcePath(group: "", version: "v1", resource: "pods", namespace: pod.metadata.namespace, name: name,
                                    subresource: "status")
            _ = try await client.patch(path, type: .merge, body: body)
            sent.withLock { $0[uid] = status }
            logger.debug("status of \(pod.metadata.namespace ?? "")/\(name): \(status.phase ?? "")")
        } catch let error as APIError where error.code == 404 {
            return
        } catch {
            logger.warning("update status of \(pod.metadata.namespace ?? "")/\(name): \(error)")
        }
    }

    /// The final delete once the kubelet is done with a pod: grace 0, only this UID (a new pod of
    /// the same name is left alone).
    public func deletePod(_ pod: Pod) async -> Bool {
        guard let uid = pod.metadata.uid, let name = pod.metadata.name else { return true }
        do {
            let options = DeleteOptions(gracePeriodSeconds: 0, preconditions: Preconditions(uid: uid))
            try await client.resource(Pod.self, namespace: pod.metadata.namespace).delete(name, options: options)
            return true
        } catch let error as APIError where error.code == 404 || error.code == 409 {
            return true
        } catch {
            logger.warning("delete pod \(pod.metadata.namespace ?? "")/\(name): \(error)")
            return false
        }
    }

    public func forget(uid: String) {
        _ = sent.withLock { $0.removeValue(forKey: uid) }
    }
}
