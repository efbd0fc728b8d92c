import Foundation
import KubeAPI
import KubeStore

extension APIServerCore {
    /// A watch: newline-delimited JSON `{"type": …, "object": …}` events, chunked.
    /// No (or "0") resourceVersion sends synthetic ADDED events for what exists first, as upstream.
    func watch(_ request: APIRequest, _ resource: ResourceInfo, namespace: String?, name: String?) async throws(APIError) -> APIResponse {
        var filter = try ObjectFilter(request: request, resource: resource)
        if let name {
            // `/pods/NAME?watch=true` (legacy) is a watch with a name field selector.
            filter.name = name
        }
        let shape = try request.responseShape()
        let rv = request.query["resourceVersion"] ?? ""
        let bookmarks = request.query["allowWatchBookmarks"] == "true"
        let sendInitial = request.query["sendInitialEvents"].map { $0 == "true" } ?? (rv.isEmpty || rv == "0")
        let timeout = request.query["timeoutSeconds"].flatMap(Double.init) ?? Double.random(in: 1800...3600)

        var initial: [JSONValue] = []
        var after: Int64
        if sendInitial {
            let page = try await storage.list(resource, namespace: namespace, startAfter: nil, limit: 0, revision: 0, filter: filter.matches)
            initial = page.items
            after = page.revision
        } else {
            guard let requested = Int64(rv) else { throw APIError.badRequest("invalid resource version \"\(rv)\"") }
            after = requested
        }
        let initialEventsEnd = request.query["sendInitialEvents"] == "true"
        let events = storage.store.watch(prefix: resource.storagePrefix(namespace: namespace), afterRevision: after)
        let encoder = WatchEventEncoder(core: self, resource: resource, shape: shape)
        let storage = self.storage
        let metrics = self.metrics
        metrics.watchStarted(resource: resource.resource)

        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        let watchID = watches.add(continuation)
        let registry = watches
        let task = Task {
            defer {
                registry.remove(watchID)
                continuation.finish()
                metrics.watchEnded(resource: resource.resource)
            }
            for object in initial { continuation.yield(encoder.line("ADDED", object)) }
            if initialEventsEnd {
                continuation.yield(encoder.bookmark(revision: after, initialEventsEnd: true))
            }
            let deadline = Task {
                try await Task.sleep(for: .seconds(timeout))
                continuation.finish()
            }
            defer { deadline.cancel() }
            do {
                for try await event in events {
                    if Task.isCancelled { break }
                    switch event {
                    case .put(let kv, let previous):
                        let object = try storage.decode(kv)
                        let now = filter.matches(object)
                        // Without a selector the old object always matched: no need to decode it.
                        var before = previous != nil
                        if let previous, !filter.isEmpty { before = filter.matches(try storage.decode(previous)) }
                        if now && before {
                            continuation.yield(encoder.line("MODIFIED", object))
                        } else if now {
                            continuation.yield(encoder.line("ADDED", object))
                        } else if before {
                            continuation.yield(encoder.line("DELETED", object))
                        }
                    case .delete(_, let revision, let previous):
                        var object = try storage.decode(previous)
                        object.set(path: ["metadata", "resourceVersion"], to: .string(String(revision)))
                        if filter.matches(object) { continuation.yield(encoder.line("DELETED", object)) }
                    case .progress(let revision):
                        if bookmarks { continuation.yield(encoder.bookmark(revision: revision, initialEventsEnd: false)) }
                    }
                }
            } catch let error as StoreError {
                continuation.yield(encoder.error(ObjectStorage.map(error, resource, "")))
            } catch let error as APIError {
                continuation.yield(encoder.error(error))
            } catch {}
        }
        continuation.onTermination = { _ in task.cancel() }
        return APIResponse(
            status: 200, contentType: "application/json", headers: ["transfer-encoding": "chunked"], body: .stream(stream))
    }
}

/// Renders watch events in the representation the client asked for.
struct WatchEventEncoder: Sendable {
    let core: APIServerCore
    let resource: ResourceInfo
    let shape: ResponseShape

    func line(_ type: String, _ object: JSONValue) -> [UInt8] {
        let rendered: JSONValue
        switch shape {
        case .object: rendered = object
        case .partialMetadata: rendered = core.partialMetadata(object)
        case .table(let includeObject):
            rendered = core.tableFor([object], resource, includeObject: includeObject, withColumns: true)
        }
        return Self.frame(["type": .string(type), "object": rendered])
    }

    func bookmark(revision: Int64, initialEventsEnd: Bool) -> [UInt8] {
        var metadata: JSONValue = ["resourceVersion": .string(String(revision))]
        if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        return Self.frame([
            "type": "BOOKMARK",
            "object": ["kind": .string(resource.kind), "apiVersion": .string(resource.apiVersion), "metadata": metadata],
        ])
    }

    func error(_ error: APIError) -> [UInt8] {
        Self.frame(["type": "ERROR", "object": error.status])
    }

    static func frame(_ event: JSONValue) -> [UInt8] {
        var bytes = event.serializedBytes()
        bytes.append(0x0A)
        return bytes
    }
}
