import KubeAPI
import Synchronization

/// `"namespace/name"`, or `"name"` for a cluster-scoped object: the cache key client-go's
/// MetaNamespaceKeyFunc makes, and what controllers put on their work queues.
public func objectKey<O: KubeObject>(_ object: O) -> String {
    objectKey(namespace: object.metadata.namespace, name: object.metadata.name ?? "")
}

public func objectKey(namespace: String?, name: String) -> String {
    guard let namespace, !namespace.isEmpty else { return name }
    return "\(namespace)/\(name)"
}

/// Splits a key made by `objectKey` back into namespace and name.
public func splitObjectKey(_ key: String) -> (namespace: String?, name: String) {
    guard let slash = key.firstIndex(of: "/") else { return (nil, key) }
    return (String(key[..<slash]), String(key[key.index(after: slash)...]))
}

/// The thread-safe cache behind an informer (client-go's threadSafeStore + indexers): objects by
/// key, plus named indexes from a computed value to the keys of the objects that produce it.
/// The namespace index is built in.
public final class Indexer<Object: KubeObject>: Sendable {
    public static var namespaceIndex: String { "namespace" }
    public typealias IndexFunc = @Sendable (Object) -> [String]

    struct State {
        var items: [String: Object] = [:]
        var indexFuncs: [String: IndexFunc] = [:]
        /// index name → indexed value → keys.
        var indices: [String: [String: Set<String>]] = [:]

        mutating func addIndex(_ name: String, _ indexFunc: @escaping IndexFunc) {
            indexFuncs[name] = indexFunc
            var index: [String: Set<String>] = [:]
            for (key, object) in items {
                for value in indexFunc(object) { index[value, default: []].insert(key) }
            }
            indices[name] = index
        }

        mutating func put(_ object: Object, key: String) -> Object? {
            let old = items.updateValue(object, forKey: key)
            reindex(key: key, old: old, new: object)
            return old
        }

        mutating func remove(key: String) -> Object? {
            guard let old = items.removeValue(forKey: key) else { return nil }
            reindex(key: key, old: old, new: nil)
            return old
        }

        mutating func reindex(key: String, old: Object?, new: Object?) {
            for (name, indexFunc) in indexFuncs {
                let oldValues = old.map(indexFunc) ?? []
                let newValues = new.map(indexFunc) ?? []
                if oldValues == newValues { continue }
                for value in oldValues where !newValues.contains(value) {
                    indices[name]?[value]?.remove(key)
                    if indices[name]?[value]?.isEmpty == true { indices[name]?[value] = nil }
                }
                for value in newValues { indices[name, default: [:]][value, default: []].insert(key) }
            }
        }
    }

    let state = Mutex(State())

    public init() {
        addIndex(Self.namespaceIndex) { object in [object.metadata.namespace ?? ""] }
    }

    public func get(key: String) -> Object? {
        state.withLock { $0.items[key] }
    }

    public func get(namespace: String?, name: String) -> Object? {
        get(key: objectKey(namespace: namespace, name: name))
    }

    public func list() -> [Object] {
        state.withLock { Array($0.items.values) }
    }

    public func listKeys() -> [String] {
        state.withLock { Array($0.items.keys) }
    }

    public func list(namespace: String) -> [Object] {
        byIndex(Self.namespaceIndex, namespace)
    }

    public var count: Int { state.withLock { $0.items.count } }

    /// Adds (or replaces) a named index; objects already cached are indexed at once.
    public func addIndex(_ name: String, _ indexFunc: @escaping @Sendable (Object) -> [String]) {
        state.withLock { $0.addIndex(name, indexFunc) }
    }

    /// The objects whose index function returned `value` for index `name` (none for an unknown index).
    public func byIndex(_ name: String, _ value: String) -> [Object] {
        state.withLock { state in
            (state.indices[name]?[value] ?? []).compactMap { state.items[$0] }
        }
    }

    public func indexKeys(_ name: String, _ value: String) -> [String] {
        state.withLock { Array($0.indices[name]?[value] ?? []) }
    }

    // MARK: Writes (the informer's)

    /// Stores `object`; returns what was cached under its key before.
    @discardableResult
    func put(_ object: Object) -> Object? {
        let key = objectKey(object)
        return state.withLock { $0.put(object, key: key) }
    }

    @discardableResult
    func remove(key: String) -> Object? {
        state.withLock { $0.remove(key: key) }
    }
}
