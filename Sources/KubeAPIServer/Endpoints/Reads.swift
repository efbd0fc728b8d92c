import Foundation
import KubeAPI
import KubeStore

extension APIServerCore {
    func get(_ request: APIRequest, _ resource: ResourceInfo, namespace: String?, name: String, subresource: String?) async throws(APIError) -> APIResponse {
        guard let object = try await storage.get(resource, namespace: namespace, name: name) else {
            throw APIError.notFound(resource, name: name)
        }
        if subresource == "scale" { return .json(scale(of: object, resource)) }
        return try render(object, resource, request)
    }

    func list(_ request: APIRequest, _ resource: ResourceInfo, namespace: String?) async throws(APIError) -> APIResponse {
        let filter = try ObjectFilter(request: request, resource: resource)
        let limit = Int(request.query["limit"] ?? "") ?? 0
        var startAfter: String?
        var revision: Int64 = 0
        if let token = request.query["continue"], !token.isEmpty {
            let decoded = try ContinueToken.decode(token)
            startAfter = decoded.startAfter
            revision = decoded.revision
        } else if let rv = request.query["resourceVersion"], !rv.isEmpty, rv != "0" {
            guard let requested = Int64(rv) else { throw APIError.badRequest("invalid resource version \"\(rv)\"") }
            if request.query["resourceVersionMatch"] == "Exact" {
                revision = requested
            } else {
                let current = try await currentRevision()
                if requested > current {
                    throw APIError(code: 504, reason: "Timeout", message: "Too large resource version: \(requested), current: \(current)")
                }
            }
        }
        let shape = try request.responseShape()
        if shape == .object, filter.isEmpty, limit == 0, startAfter == nil,
           let fast = try await listSpliced(resource, namespace: namespace, revision: revision) {
            return fast
        }
        let page = try await storage.list(
            resource, namespace: namespace, startAfter: startAfter, limit: limit, revision: revision,
            filter: filter.matches)
        var metadata: JSONValue = ["resourceVersion": .string(String(page.revision))]
        if let after = page.continueAfter {
            metadata["continue"] = .string(ContinueToken(revision: page.revision, startAfter: after).encoded)
            if let remaining = page.remaining, remaining > 0 { metadata["remainingItemCount"] = .int(Int64(remaining)) }
        }
        switch shape {
        case .table(let includeObject):
            var table = tableFor(page.items, resource, includeObject: includeObject, withColumns: true)
            table["metadata"] = metadata
            return .json(table)
        case .partialMetadata:
            return .json([
                "kind": "PartialObjectMetadataList", "apiVersion": "meta.k8s.io/v1", "metadata": metadata,
                "items": .array(page.items.map { partialMetadata($0) }),
            ])
        case .object:
            let items = page.items.map { item -> JSONValue in
                var i = item
                // Upstream list items carry no kind/apiVersion of their own.
                if case .object(var o) = i {
                    o.removeValue(forKey: "kind")
                    o.removeValue(forKey: "apiVersion")
                    i = .object(o)
                }
                return i
            }
            return .json([
                "kind": .string(resource.listKind), "apiVersion": .string(resource.apiVersion), "metadata": metadata,
                "items": .array(items),
            ])
        }
    }

    /// A whole, unfiltered JSON LIST built from the stored bytes without parsing them
    /// (`ListItemSplicer`); nil when a stored value is not in the expected form, and the
    /// caller then takes the parsing path. Same bytes as that path, at a fraction of the cost.
    func listSpliced(_ resource: ResourceInfo, namespace: String?, revision: Int64) async throws(APIError) -> APIResponse? {
        let stored = try await storage.listStored(resource, namespace: namespace, revision: revision)
        var out: [UInt8] = []
        out.reserveCapacity(stored.items.reduce(256) { $0 + $1.value.count + 32 })
        out.append(contentsOf: #"{"kind":"#.utf8)
        JSONValue.writeString(resource.listKind, into: &out)
        out.append(contentsOf: #","apiVersion":"#.utf8)
        JSONValue.writeString(resource.apiVersion, into: &out)
        out.append(contentsOf: #","metadata":{"resourceVersion":""#.utf8)
        out.append(contentsOf: String(stored.revision).utf8)
        out.append(contentsOf: #""},"items":["#.utf8)
        for (i, kv) in stored.items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            guard ListItemSplicer.append(kv.value, resourceVersion: kv.modRevision, to: &out) else { return nil }
        }
        out.append(contentsOf: "]}\n".utf8)
        return APIResponse(status: 200, body: .bytes(out))
    }

    func currentRevision() async throws(APIError) -> Int64 {
        do { return try await storage.store.currentRevision() } catch {
            throw ObjectStorage.map(error, registry.resources[0], "")
        }
    }

    /// The object in the representation the client asked for.
    func render(_ object: JSONValue, _ resource: ResourceInfo, _ request: APIRequest, status: Int = 200) throws(APIError) -> APIResponse {
        switch try request.responseShape() {
        case .object: return .json(object, status: status)
        case .partialMetadata: return .json(partialMetadata(object), status: status)
        case .table(let includeObject):
            return .json(tableFor([object], resource, includeObject: includeObject, withColumns: true), status: status)
        }
    }

    func partialMetadata(_ object: JSONValue) -> JSONValue {
        ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"] ?? [:]]
    }

    func tableFor(_ objects: [JSONValue], _ resource: ResourceInfo, includeObject: String, withColumns: Bool) -> JSONValue {
        let columns = TableColumns.columns(group: resource.group, kind: resource.kind)
        let now = self.now
        let rows: [JSONValue] = objects.map { object in
            var row: JSONValue = ["cells": .array(TableColumns.cells(group: resource.group, kind: resource.kind, object: object, now: now))]
            switch includeObject {
            case "None": break
            case "Object": row["object"] = object
            default: row["object"] = partialMetadata(object)
            }
            return row
        }
        var table: JSONValue = ["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": [:]]
        table["columnDefinitions"] = withColumns ? .array(columns) : .array([])
        table["rows"] = .array(rows)
        return table
    }

    /// autoscaling/v1 Scale for a workload.
    func scale(of object: JSONValue, _ resource: ResourceInfo) -> JSONValue {
        var selector = ""
        if let labels = object[path: ["spec", "selector", "matchLabels"]]?.objectValue {
            selector = labels.map { "\($0.key)=\($0.value.stringValue ?? "")" }.joined(separator: ",")
        } else if let labels = object[path: ["spec", "selector"]]?.objectValue, resource.kind == "ReplicationController" {
            selector = labels.map { "\($0.key)=\($0.value.stringValue ?? "")" }.joined(separator: ",")
        }
        let meta = object["metadata"] ?? [:]
        var scaleMeta: JSONValue = [:]
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            if let v = meta[key] { scaleMeta[key] = v }
        }
        var status: JSONValue = ["replicas": object[path: ["status", "replicas"]] ?? 0]
        if !selector.isEmpty { status["selector"] = .string(selector) }
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": scaleMeta,
            "spec": ["replicas": object[path: ["spec", "replicas"]] ?? 0], "status": status,
        ]
    }
}

/// The opaque `continue` token: the revision the first page was read at and the last key returned,
/// so every page of one list is read at the same revision (upstream's consistent paging).
struct ContinueToken: Codable {
    var revision: Int64
    var startAfter: String

    enum CodingKeys: String, CodingKey {
        case version = "v", revision = "rv", startAfter = "start"
    }

    init(revision: Int64, startAfter: String) {
        self.revision = revision
        self.startAfter = startAfter
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        revision = try c.decode(Int64.self, forKey: .revision)
        startAfter = try c.decode(String.self, forKey: .startAfter)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("meta.k8s.io/v1", forKey: .version)
        try c.encode(revision, forKey: .revision)
        try c.encode(startAfter, forKey: .startAfter)
    }

    var encoded: String {
        (try? JSONEncoder().encode(self)).map { $0.base64EncodedString() } ?? ""
    }

    static func decode(_ token: String) throws(APIError) -> ContinueToken {
        guard let data = Data(base64Encoded: token), let t = try? JSONDecoder().decode(ContinueToken.self, from: data) else {
            throw APIError.badRequest("continue key is not valid: \(token)")
        }
        return t
    }
}
