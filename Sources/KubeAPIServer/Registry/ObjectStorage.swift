import KubeAPI
import KubeStore

/// Objects of a resource in the store: keys as upstream lays them out
/// (`/registry/<resource>/<namespace>/<name>`), values as JSON without `resourceVersion`,
/// which is the key's modRevision and is filled in on every read (as upstream's etcd3 store does).
public struct ObjectStorage: Sendable {
    public let store: any Store

    public init(store: any Store) { self.store = store }

    public func get(_ resource: ResourceInfo, namespace: String?, name: String) async throws(APIError) -> JSONValue? {
        let kv: KeyValue?
        do { kv = try await store.get(resource.storageKey(namespace: namespace, name: name)) } catch {
            throw Self.map(error, resource, name)
        }
        guard let kv else { return nil }
        return try decode(kv)
    }

    public struct Page: Sendable {
        public var items: [JSONValue]
        public var revision: Int64
        /// The key of the last item when the page was cut short.
        public var continueAfter: String?
        public var remaining: Int?
    }

    public func list(
        _ resource: ResourceInfo, namespace: String?, startAfter: String?, limit: Int, revision: Int64,
        filter: (JSONValue) -> Bool
    ) async throws(APIError) -> Page {
        let prefix = resource.storagePrefix(namespace: namespace)
        var items: [JSONValue] = []
        var cursor = startAfter
        var readRevision = revision
        // Keep reading pages until `limit` matches are found: selectors filter after the read, as upstream.
        while true {
            let result: ListResult
            do {
                result = try await store.list(
                    prefix: prefix, startAfter: cursor, limit: limit > 0 ? max(limit - items.count, 1) : 0,
                    revision: readRevision)
            } catch {
                throw Self.map(error, resource, "")
            }
            readRevision = result.revision
            for kv in result.items {
                let object = try decode(kv)
                if filter(object) { items.append(object) }
            }
            cursor = result.items.last?.key ?? cursor
            if !result.more {
                return Page(items: items, revision: readRevision, continueAfter: nil, remaining: nil)
            }
            if limit > 0 && items.count >= limit {
                return Page(items: items, revision: readRevision, continueAfter: cursor, remaining: result.remaining)
            }
        }
    }

    /// Every stored value under the resource's prefix as it is stored, unparsed, at one revision:
    /// the LIST fast path when no selector needs the objects' fields.
    public func listStored(_ resource: ResourceInfo, namespace: String?, revision: Int64) async throws(APIError) -> (items: [KeyValue], revision: Int64) {
        let prefix = resource.storagePrefix(namespace: namespace)
        var items: [KeyValue] = []
        var cursor: String?
        var readRevision = revision
        while true {
            let result: ListResult
            do {
                result = try await store.list(prefix: prefix, startAfter: cursor, limit: 0, revision: readRevision)
            } catch {
                throw Self.map(error, resource, "")
            }
            readRevision = result.revision
            items += result.items
            cursor = result.items.last?.key ?? cursor
            if !result.more { return (items, readRevision) }
        }
    }

    /// Stores a new object; returns it with its resourceVersion.
    public func create(_ resource: ResourceInfo, _ object: JSONValue) async throws(APIError) -> JSONValue {
        let (namespace, name) = Self.identity(object)
        let revision: Int64
        do {
            revision = try await store.create(
                resource.storageKey(namespace: namespace, name: name), value: Self.encode(object), ttl: resource.ttlSeconds)
        } catch {
            throw Self.map(error, resource, name)
        }
        return Self.withResourceVersion(object, revision)
    }

    /// Replaces an object if its stored revision is still `expectedRevision`.
    public func update(_ resource: ResourceInfo, _ object: JSONValue, expectedRevision: Int64?) async throws(APIError) -> JSONValue {
        let (namespace, name) = Self.identity(object)
        let revision: Int64
        do {
            revision = try await store.update(
                resource.storageKey(namespace: namespace, name: name), value: Self.encode(object),
                expectedRevision: expectedRevision, ttl: resource.ttlSeconds)
        } catch {
            throw Self.map(error, resource, name)
        }
        return Self.withResourceVersion(object, revision)
    }

    /// Removes an object if its stored revision is still `expectedRevision`; returns its last state.
    public func delete(_ resource: ResourceInfo, namespace: String?, name: String, expectedRevision: Int64?) async throws(APIError) -> JSONValue {
        let deleted: KeyValue
        do {
            (deleted, _) = try await store.delete(
                resource.storageKey(namespace: namespace, name: name), expectedRevision: expectedRevision)
        } catch {
            throw Self.map(error, resource, name)
        }
        return try decode(deleted)
    }

    /// Read, change, compare-and-swap; retried on conflict. `mutate` returns nil to leave the object as it is.
    public func guaranteedUpdate(
        _ resource: ResourceInfo, namespace: String?, name: String,
        mutate: (JSONValue) async throws(APIError) -> JSONValue?
    ) async throws(APIError) -> JSONValue {
        for _ in 0..<32 {
            guard let current = try await get(resource, namespace: namespace, name: name) else {
                throw APIError.notFound(resource, name: name)
            }
            guard let updated = try await mutate(current) else { return current }
            do {
                return try await update(resource, updated, expectedRevision: Self.revision(of: current))
            } catch let error where error.code == 409 && error.reason == "Conflict" {
                continue
            }
        }
        throw APIError.modified(resource, name: name)
    }

    // MARK: Encoding

    public func decode(_ kv: KeyValue) throws(APIError) -> JSONValue {
        do {
            let object = try JSONValue.parse(kv.value)
            return Self.withResourceVersion(object, kv.modRevision)
        } catch {
            throw APIError.internalError("stored object at \(kv.key) is not valid JSON: \(error)")
        }
    }

    static func encode(_ object: JSONValue) -> [UInt8] {
        var stored = object
        stored.set(path: ["metadata", "resourceVersion"], to: nil)
        return stored.serializedBytes()
    }

    static func withResourceVersion(_ object: JSONValue, _ revision: Int64) -> JSONValue {
        var o = object
        o.set(path: ["metadata", "resourceVersion"], to: .string(String(revision)))
        return o
    }

    static func identity(_ object: JSONValue) -> (namespace: String?, name: String) {
        (object[path: ["metadata", "namespace"]]?.stringValue, object[path: ["metadata", "name"]]?.stringValue ?? "")
    }

    public static func revision(of object: JSONValue) -> Int64? {
        object[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int64($0) }
    }

    static func map(_ error: StoreError, _ resource: ResourceInfo, _ name: String) -> APIError {
        switch error {
        case .keyExists: return .alreadyExists(resource, name: name)
        case .keyNotFound: return .notFound(resource, name: name)
        case .conflict: return .modified(resource, name: name)
        case .compacted(let requested, let compacted):
            return .gone("too old resource version: \(requested) (\(compacted))")
        case .futureRevision(let requested, let current):
            return APIError(code: 504, reason: "Timeout",
                            message: "Too large resource version: \(requested), current: \(current)")
        case .unavailable(let message): return .serviceUnavailable(message)
        case .internal(let message): return .internalError(message)
        }
    }
}
