import Foundation
import KubeAPI
import NIOCore
import NIOHTTP1

/// Typed access to one kind, bound to a namespace (nil: all namespaces, or a cluster-scoped kind),
/// as client-go's generated clientsets are. Bodies are encoded and decoded straight to the structs.
public struct ResourceClient<Object: KubeObject>: Sendable {
    public let rest: RESTClient
    /// Ignored for cluster-scoped kinds.
    public let namespace: String?
    /// Decode objects without `metadata.managedFields` (`CodingUserInfoKey.skipManagedFields`):
    /// for read-only caches, whose objects are never sent back in an update.
    public var skipsManagedFields = false

    public init(rest: RESTClient, namespace: String?) {
        self.rest = rest
        self.namespace = Object.namespaced ? namespace : nil
    }

    /// The collection path in `namespace` (or in this client's namespace when nil).
    public func path(namespace objectNamespace: String? = nil, name: String? = nil, subresource: String? = nil) -> ResourcePath {
        ResourcePath(
            group: Object.group, version: Object.version, resource: Object.resource,
            namespace: Object.namespaced ? (namespace ?? objectNamespace) : nil, name: name, subresource: subresource)
    }

    public func get(_ name: String) async throws -> Object {
        try await request(.GET, path(name: name))
    }

    public func list(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil,
        continue continueToken: String? = nil, resourceVersion: String? = nil
    ) async throws -> ObjectList<Object> {
        var query: [String: String] = [:]
        query["labelSelector"] = labelSelector.flatMap { $0.isEmpty ? nil : $0 }
        query["fieldSelector"] = fieldSelector.flatMap { $0.isEmpty ? nil : $0 }
        query["limit"] = limit.map(String.init)
        query["continue"] = continueToken.flatMap { $0.isEmpty ? nil : $0 }
        query["resourceVersion"] = resourceVersion
        let list: KubeList<Object> = try await request(.GET, path(), query: query)
        let token = list.metadata.continue.flatMap { $0.isEmpty ? nil : $0 }
        return ObjectList(items: list.items, resourceVersion: list.metadata.resourceVersion ?? "", continueToken: token)
    }

    public func create(_ object: Object) async throws -> Object {
        try await request(.POST, path(namespace: object.metadata.namespace), body: try encode(object.withTypeMeta()))
    }

    public func update(_ object: Object) async throws -> Object {
        try await request(.PUT, try objectPath(object), body: try encode(object.withTypeMeta()))
    }

    public func updateStatus(_ object: Object) async throws -> Object {
        try await request(.PUT, try objectPath(object, subresource: "status"), body: try encode(object.withTypeMeta()))
    }

    public func patch(_ name: String, type: RESTClient.PatchType, body: JSONValue, subresource: String? = nil) async throws -> Object {
        try await request(.PATCH, path(name: name, subresource: subresource), body: body.serializedBytes(), contentType: type.rawValue)
    }

    public func delete(_ name: String, options: DeleteOptions? = nil) async throws {
        let body = try options.map { try encode($0) }
        _ = try await send(.DELETE, path(name: name), query: [:], body: body, contentType: "application/json")
    }

    /// A watch from `resourceVersion` (nil or "0": the current state first, as synthetic ADDED events).
    /// Bookmarks are asked for; an ERROR event ends the stream by throwing its `APIError`.
    /// The stream finishes when the server closes the watch (e.g. after `timeoutSeconds`).
    public func watch(
        resourceVersion: String?, labelSelector: String? = nil, fieldSelector: String? = nil, timeoutSeconds: Int? = nil
    ) -> AsyncThrowingStream<TypedWatchEvent<Object>, any Error> {
        var watchQuery = ["watch": "true", "allowWatchBookmarks": "true"]
        watchQuery["resourceVersion"] = resourceVersion
        watchQuery["labelSelector"] = labelSelector.flatMap { $0.isEmpty ? nil : $0 }
        watchQuery["fieldSelector"] = fieldSelector.flatMap { $0.isEmpty ? nil : $0 }
        watchQuery["timeoutSeconds"] = timeoutSeconds.map(String.init)
        let query = watchQuery
        let url = path().urlPath
        let rest = self.rest
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let response = try await rest.send(
                        method: .GET, path: url, query: query, body: nil, contentType: nil, accept: "application/json", streaming: true)
                    guard response.status.code < 300 else {
                        let body = try await response.body.collect(upTo: 4 << 20)
                        throw APIError.from(statusCode: Int(response.status.code), body: Array(buffer: body))
                    }
                    var splitter = NewlineDelimitedSplitter()
                    func deliver(_ line: [UInt8]) throws {
                        let decoded: TypedWatchLine<Object>
                        do {
                            decoded = try decode(TypedWatchLine<Object>.self, from: line)
                        } catch {
                            throw WatchDecodingError(message: "watch \(url): undecodable \(Object.kind) event: \(error)")
                        }
                        switch decoded.decoded {
                        case .event(let event): continuation.yield(event)
                        case .error(let error): throw error
                        }
                    }
                    for try await chunk in response.body {
                        for line in splitter.feed(chunk.readableBytesView) { try deliver(line) }
                    }
                    if let last = splitter.finish() { try deliver(last) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    // MARK: Plumbing

    func objectPath(_ object: Object, subresource: String? = nil) throws -> ResourcePath {
        guard let name = object.metadata.name, !name.isEmpty else {
            throw ObjectWithoutNameError(kind: Object.kind, verb: subresource.map { "update \($0)" } ?? "update")
        }
        return path(namespace: object.metadata.namespace, name: name, subresource: subresource)
    }

    func request<Response: Decodable>(
        _ method: HTTPMethod, _ path: ResourcePath, query: [String: String] = [:], body: [UInt8]? = nil,
        contentType: String = "application/json"
    ) async throws -> Response {
        let bytes = try await send(method, path, query: query, body: body, contentType: contentType)
        do {
            return try decode(Response.self, from: bytes)
        } catch {
            throw ResponseDecodingError(method: method.rawValue, path: path.urlPath, type: "\(Response.self)", underlying: "\(error)")
        }
    }

    func send(_ method: HTTPMethod, _ path: ResourcePath, query: [String: String], body: [UInt8]?, contentType: String) async throws -> [UInt8] {
        let (status, bytes) = try await rest.raw(
            method: method, path: path.urlPath, query: query, body: body, contentType: body == nil ? nil : contentType,
            accept: "application/json")
        guard status < 300 else { throw APIError.from(statusCode: status, body: bytes) }
        return bytes
    }

    /// Parses the bytes into a tree and decodes the tree (`JSONValue.decode(as:userInfo:)`),
    /// which costs about two thirds of Foundation's JSONDecoder on a pod.
    func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try JSONValue.parse(bytes).decode(as: T.self, userInfo: skipsManagedFields ? [.skipManagedFields: true] : [:])
    }

    func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }
}

extension RESTClient {
    /// A typed client for `type`, in `namespace` (nil: all namespaces, or cluster-scoped).
    public func resource<O: KubeObject>(_ type: O.Type, namespace: String? = nil) -> ResourceClient<O> {
        ResourceClient(rest: self, namespace: namespace)
    }
}

/// A 2xx response whose body did not decode as the expected type.
public struct ResponseDecodingError: Error, CustomStringConvertible, Sendable {
    public var method: String
    public var path: String
    public var type: String
    public var underlying: String
    public var description: String { "\(method) \(path): response is not a \(type): \(underlying)" }
}

public struct ObjectWithoutNameError: Error, CustomStringConvertible, Sendable {
    public var kind: String
    public var verb: String
    public var description: String { "\(verb) \(kind): the object has no metadata.name" }
}
