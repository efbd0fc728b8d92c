import Foundation
import KubeAPI
import KubeClient
import Logging

/// Mirror pods (upstream's mirror_client.go): for each static pod, a pod of the same name in the
/// API, annotated `kubernetes.io/config.mirror: <hash>` and owned by the Node, so the cluster sees
/// and can read the static pod (its status goes there). A mirror pod that is missing, stale
/// (another hash) or being deleted is replaced; one whose static pod is gone is deleted.
public struct MirrorPodManager: Sendable {
    let client: RESTClient
    let nodeName: String
    let logger: Logger

    public init(client: RESTClient, nodeName: String, logger: Logger) {
        self.client = client
        self.nodeName = nodeName
        self.logger = logger
    }

    func pods(_ namespace: String?) -> ResourceClient<Pod> { client.resource(Pod.self, namespace: namespace) }

    /// Makes the API's mirror pods match `staticPods`; `mirrors` are the mirror pods the API has for
    /// this node. Returns the UIDs of the static pods whose mirror was (re)created.
    @discardableResult
    public func sync(staticPods: [Pod], mirrors: [Pod]) async -> [String] {
        var created: [String] = []
        var wanted: Set<String> = []
        for pod in staticPods {
            let key = "\(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? "")"
            wanted.insert(key)
            let hash = pod.metadata.annotations?[StaticPodSource.configHashAnnotation] ?? ""
            let existing = mirrors.first { "\($0.metadata.namespace ?? "")/\($0.metadata.name ?? "")" == key }
            if let existing {
                let current = existing.metadata.annotations?[StaticPodSource.configMirrorAnnotation]
                if current == hash && existing.metadata.deletionTimestamp == nil { continue }
                await delete(existing)
            }
            if await create(mirrorOf: pod, hash: hash) { created.append(pod.metadata.uid ?? "") }
        }
        for mirror in mirrors where !wanted.contains("\(mirror.metadata.namespace ?? "")/\(mirror.metadata.name ?? "")") {
            await delete(mirror)
        }
        return created
    }

    func create(mirrorOf pod: Pod, hash: String) async -> Bool {
        var mirror = pod
        mirror.metadata.uid = nil
        mirror.metadata.resourceVersion = nil
        mirror.status = PodStatus()
        mirror.metadata.annotations?[StaticPodSource.configMirrorAnnotation] = hash
        if let node = try? await client.resource(Node.self).get(nodeName), let uid = node.metadata.uid {
            mirror.metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "Node", name: nodeName, uid: uid, controller: true)]
        }
        do {
            _ = try await pods(pod.metadata.namespace).create(mirror)
            logger.info("created mirror pod \(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? "")")
            return true
        } catch let error as APIError where error.code == 409 {
            return false
        } catch {
            logger.warning("create mirror pod \(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? ""): \(error)")
            return false
        }
    }

    func delete(_ mirror: Pod) async {
        let options = DeleteOptions(gracePeriodSeconds: 0, preconditions: Preconditions(uid: mirror.metadata.uid))
        do {
            try await pods(mirror.metadata.namespace).delete(mirror.metadata.name ?? "", options: options)
        } catch let error as APIError where error.code == 404 || error.code == 409 {
            return
        } catch {
            logger.warning("delete mirror pod \(mirror.metadata.namespace ?? "")/\(mirror.metadata.name ?? ""): \(error)")
        }
    }
}
