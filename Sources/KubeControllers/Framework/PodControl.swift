import KubeAPI
import KubeClient

/// Creates and deletes the pods a workload controller owns, recording events as upstream does
/// (`SuccessfulCreate` / `FailedCreate` / `SuccessfulDelete`).
public struct PodControl: Sendable {
    public let client: RESTClient
    public let recorder: EventRecorder

    public init(client: RESTClient, recorder: EventRecorder) {
        self.client = client
        self.recorder = recorder
    }

    /// A pod from `template`, named `<prefix><random>` by the apiserver, owned by `owner`.
    public static func pod<O: KubeObject>(from template: PodTemplateSpec, owner: O, generateName: String? = nil, name: String? = nil) -> Pod {
        var meta = template.metadata
        meta.name = name
        meta.generateName = name == nil ? (generateName ?? "\(owner.metadata.name ?? "")-") : nil
        meta.namespace = owner.metadata.namespace
        meta.ownerReferences = [controllerReference(to: owner)]
        meta.resourceVersion = nil
        meta.uid = nil
        meta.creationTimestamp = nil
        return Pod(metadata: meta, spec: template.spec)
    }

    @discardableResult
    public func create<O: KubeObject>(_ pod: Pod, for owner: O) async throws -> Pod {
        do {
            let created = try await client.resource(Pod.self, namespace: pod.metadata.namespace).create(pod)
            recorder.normal(owner, reason: "SuccessfulCreate", "Created pod: \(created.metadata.name ?? "")")
            return created
        } catch {
            recorder.warning(owner, reason: "FailedCreate", "Error creating: \(error)")
            throw error
        }
    }

    public func delete<O: KubeObject>(_ pod: Pod, for owner: O) async throws {
        do {
            try await client.resource(Pod.self, namespace: pod.metadata.namespace).delete(pod.metadata.name ?? "")
            recorder.normal(owner, reason: "SuccessfulDelete", "Deleted pod: \(pod.metadata.name ?? "")")
        } catch let error as APIError where error.isNotFound {
            return
        } catch {
            recorder.warning(owner, reason: "FailedDelete", "Error deleting: \(error)")
            throw error
        }
    }
}
