import KubeAPI
import KubeClient

/// ControllerRevisions for DaemonSets and StatefulSets (upstream's `controller/history`): each
/// distinct pod template is stored once, as the patch `{"spec":{"template":{…,"$patch":"replace"}}}`,
/// owned by its workload, named `<workload>-<hash>` and numbered by `revision`.
public struct ControllerHistory: Sendable {
    public static let hashLabel = "controller-revision-hash"

    let client: RESTClient
    let revisions: Informer<ControllerRevision>

    public init(client: RESTClient, revisions: Informer<ControllerRevision>) {
        self.client = client
        self.revisions = revisions
    }

    /// The patch a revision stores for `template`.
    public static func data(for template: PodTemplateSpec) -> JSONValue {
        var t = (try? JSONValue(encoding: template)) ?? [:]
        t["$patch"] = "replace"
        return ["spec": ["template": t]]
    }

    /// The pod template a revision stores.
    public static func template(of revision: ControllerRevision) -> PodTemplateSpec? {
        guard var t = revision.data?[path: ["spec", "template"]] else { return nil }
        t["$patch"] = nil
        return try? t.decode(as: PodTemplateSpec.self)
    }

    /// FNV-1a over the canonical JSON of `value` (and the collision count), in upstream's safe alphabet.
    public static func hash(_ value: JSONValue, collisionCount: Int32?) -> String {
        var canonical = DeploymentRollout.canonicalJSON(value)
        if let collisionCount { canonical += "#\(collisionCount)" }
        var hash: UInt32 = 2_166_136_261
        for byte in canonical.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String(String(hash).unicodeScalars.map { alphabet[Int($0.value) % alphabet.count] })
    }

    static func sameData(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        DeploymentRollout.canonicalJSON(a ?? .null) == DeploymentRollout.canonicalJSON(b ?? .null)
    }

    /// The revisions `owner` controls, oldest revision first.
    public func owned<O: KubeObject>(by owner: O) -> [ControllerRevision] {
        revisions.store.list(namespace: owner.metadata.namespace ?? "")
            .filter { $0.metadata.controllerRef?.uid == owner.metadata.uid }
            .sorted { ($0.revision, $0.metadata.name ?? "") < ($1.revision, $1.metadata.name ?? "") }
    }

    /// Finds or creates the revision holding `data`, making it the newest (upstream's
    /// `constructHistory` / `getStatefulSetRevisions`): an equal older revision is renumbered
    /// rather than duplicated. `hash` names it; a name taken by different data is a collision,
    /// reported by throwing `RevisionCollision` so the caller can bump its collision count.
    public func ensureCurrent<O: KubeObject>(owner: O, data: JSONValue, hash: String, labels: [String: String]) async throws -> ControllerRevision {
        let existing = owned(by: owner)
        let next = (existing.map(\.revision).max() ?? 0) + 1
        let api = client.resource(ControllerRevision.self, namespace: owner.metadata.namespace)
        if let equal = existing.last(where: { Self.sameData($0.data, data) }) {
            guard equal.revision != existing.last?.revision || equal.metadata.uid != existing.last?.metadata.uid else { return equal }
            var bumped = equal
            bumped.revision = next
            return try await api.update(bumped)
        }
        var meta = ObjectMeta(name: "\(owner.metadata.name ?? "")-\(hash)", namespace: owner.metadata.namespace)
        meta.labels = labels.merging([Self.hashLabel: hash]) { _, new in new }
        meta.ownerReferences = [controllerReference(to: owner)]
        do {
            return try await api.create(ControllerRevision(metadata: meta, data: data, revision: next))
        } catch let error as APIError where error.isAlreadyExists {
            let live = try await api.get(meta.name ?? "")
            if live.metadata.controllerRef?.uid == owner.metadata.uid, Self.sameData(live.data, data) { return live }
            throw RevisionCollision(name: meta.name ?? "")
        }
    }

    /// Deletes the oldest revisions beyond `limit`, never one in `live` (names pods still use).
    public func truncate<O: KubeObject>(owner: O, limit: Int, keeping live: Set<String>) async throws {
        let candidates = owned(by: owner).filter { !live.contains($0.metadata.name ?? "") }
        guard candidates.count > limit else { return }
        let api = client.resource(ControllerRevision.self, namespace: owner.metadata.namespace)
        for revision in candidates.prefix(candidates.count - limit) {
            do { try await api.delete(revision.metadata.name ?? "") } catch let error as APIError where error.isNotFound {}
        }
    }
}

/// A revision name already taken by another template: the owner's `collisionCount` must grow.
public struct RevisionCollision: Error, CustomStringConvertible {
    public let name: String
    public var description: String { "controller revision \(name) exists with different data (hash collision)" }
}
