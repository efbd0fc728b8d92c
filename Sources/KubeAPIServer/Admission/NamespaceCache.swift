import KubeAPI
import KubeStore
import Synchronization

/// The namespaces' phases, kept current by a watch on their keys: NamespaceLifecycle's lister, so
/// a create does not read its namespace from the store first (on etcd that read was a round trip
/// per write). A name the cache does not hold is looked up live, as upstream's plugin does, so a
/// namespace created a moment ago through another apiserver is never refused.
final class NamespaceCache: Sendable {
    /// nil until the first list has been read.
    private let phases = Mutex<[String: String]?>(nil)

    /// The phase of a cached namespace ("Active", "Terminating"); nil when not cached.
    func phase(of name: String) -> String? {
        phases.withLock { $0?[name] }
    }

    var hasSynced: Bool { phases.withLock { $0 != nil } }

    /// Lists, then follows the watch; relists when the watch ends (compaction, store restart).
    /// Returns when the task is cancelled.
    func run(storage: ObjectStorage, namespaces: ResourceInfo) async {
        let prefix = namespaces.storagePrefix(namespace: nil)
        while !Task.isCancelled {
            do {
                let (items, revision) = try await storage.listStored(namespaces, namespace: nil, revision: 0)
                var fresh: [String: String] = [:]
                for kv in items { fresh[Self.name(kv.key, prefix)] = Self.phase(kv.value) }
                phases.withLock { $0 = fresh }
                for try await event in storage.store.watch(prefix: prefix, afterRevision: revision) {
                    switch event {
                    case .put(let kv, _):
                        phases.withLock { $0?[Self.name(kv.key, prefix)] = Self.phase(kv.value) }
                    case .delete(let key, _, _):
                        phases.withLock { $0?[Self.name(key, prefix)] = nil }
                    case .progress:
                        break
                    }
                }
            } catch {
                // Relist after a pause; meanwhile lookups of names not cached go to the store.
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    private static func name(_ key: String, _ prefix: String) -> String {
        String(key.dropFirst(prefix.count))
    }

    private static func phase(_ value: [UInt8]) -> String {
        (try? JSONValue.parse(value))?[path: ["status", "phase"]]?.stringValue ?? "Active"
    }
}
