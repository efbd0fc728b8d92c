import KubeAPI
import Synchronization

/// OpenAPI v3: the `/openapi/v3` index and one document per group-version, with every
/// resource path and operation tagged `x-kubernetes-group-version-kind`, the `fieldValidation`
/// parameter on writes (how kubectl decides that the server validates fields itself:
/// cli-runtime's query-param verifier), and the kinds' full schemas from `OpenAPISchemas`
/// (what `kubectl explain` prints and client-side `kubectl apply` computes patches with).
struct OpenAPIDocuments: Sendable {
    let registry: ResourceRegistry

    static func pathKey(group: String, version: String) -> String {
        group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
    }

    /// Every served group-version, core first.
    var groupVersions: [(group: String, version: String)] {
        [("", "v1")] + registry.groups.flatMap { g in g.versions.map { (g.name, $0) } }
    }

    static func schemaName(_ r: ResourceInfo) -> String {
        if let message = OpenAPISchemas.message(for: .init(group: r.group, version: r.version, kind: r.kind)) {
            return OpenAPISchemas.definitionName(message: message)
        }
        let g = r.group.isEmpty ? "core" : r.group.split(separator: ".").first.map(String.init) ?? r.group
        return "io.k8s.api.\(g).\(r.version).\(r.kind)"
    }

    func document(group: String, version: String) -> JSONValue? {
        let resources = registry.resources(group: group, version: version)
        guard !resources.isEmpty else { return nil }
        var paths = JSONObject()
        let query: (String, String) -> JSONValue = { name, description in
            ["name": .string(name), "in": "query", "description": .string(description), "schema": ["type": "string", "uniqueItems": true]]
        }
        let writeParams: [JSONValue] = [
            query("dryRun", "When present, indicates that modifications should not be persisted."),
            query("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes."),
            query("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict"),
        ]
        var kinds: [OpenAPISchemas.Kind] = []
        for r in resources {
            kinds.append(.init(group: r.group, version: r.version, kind: r.kind))
            kinds.append(.init(group: r.group, version: r.version, kind: r.listKind))
        }
        var schemas = OpenAPISchemas.components(for: kinds)
        let scale = OpenAPISchemas.Kind(group: "autoscaling", version: "v1", kind: "Scale")
        if resources.contains(where: { $0.subresources.contains("scale") }) {
            for (name, schema) in OpenAPISchemas.components(for: [scale]) where schemas[name] == nil { schemas[name] = schema }
        }
        for r in resources {
            let gvk: JSONValue = ["group": .string(r.group), "version": .string(r.version), "kind": .string(r.kind)]
            let ref: JSONValue = ["$ref": .string("#/components/schemas/\(Self.schemaName(r))")]
            func op(_ action: String, params: [JSONValue] = [], withBody: Bool = false, patch: Bool = false, schema: JSONValue? = nil, kind: JSONValue? = nil) -> JSONValue {
                let ref = schema ?? ref
                var o: JSONValue = [
                    "description": .string("\(action) \(r.kind)"), "operationId": .string("\(action)\(r.kind)"),
                    "parameters": .array(params),
                    "responses": ["200": ["description": "OK", "content": ["application/json": ["schema": ref]]]],
                    "x-kubernetes-action": .string(action),
                    "x-kubernetes-group-version-kind": kind ?? gvk,
                ]
                if withBody { o["requestBody"] = ["content": ["application/json": ["schema": ref]], "required": true] }
                if patch {
                    o["requestBody"] = ["content": [
                        "application/apply-patch+yaml": ["schema": ["type": "object"]],
                        "application/json-patch+json": ["schema": ["type": "object"]],
                        "application/merge-patch+json": ["schema": ["type": "object"]],
                        "application/strategic-merge-patch+json": ["schema": ["type": "object"]],
                    ], "required": true]
                }
                return o
            }
            let base = r.path(namespace: r.namespaced ? "{namespace}" : nil)
            paths[base] = ["get": op("list"), "post": op("post", params: writeParams, withBody: true), "delete": op("deletecollection")]
            paths[base + "/{name}"] = [
                "get": op("get"), "put": op("put", params: writeParams, withBody: true),
                "patch": op("patch", params: writeParams + [query("force", "Force is going to \"force\" Apply requests.")], patch: true),
                "delete": op("delete"),
            ]
            if r.subresources.contains("status") {
                paths[base + "/{name}/status"] = ["get": op("get"), "put": op("put", params: writeParams, withBody: true),
                                                  "patch": op("patch", params: writeParams, patch: true)]
            }
            if r.subresources.contains("scale") {
                let scaleRef: JSONValue = ["$ref": .string("#/components/schemas/io.k8s.api.autoscaling.v1.Scale")]
                let scaleGVK: JSONValue = ["group": "autoscaling", "version": "v1", "kind": "Scale"]
                paths[base + "/{name}/scale"] = [
                    "get": op("get", schema: scaleRef, kind: scaleGVK),
                    "put": op("put", params: writeParams, withBody: true, schema: scaleRef, kind: scaleGVK),
                    "patch": op("patch", params: writeParams, patch: true, schema: scaleRef, kind: scaleGVK),
                ]
            }
            if schemas[Self.schemaName(r)] == nil {
                // A kind the schema table does not cover yet: described loosely, but still
                // findable by its group-version-kind.
                schemas[Self.schemaName(r)] = [
                    "description": .string("\(r.kind) is a Kubernetes \(r.namespaced ? "namespaced" : "cluster-scoped") resource."),
                    "type": "object",
                    "properties": [
                        "apiVersion": ["description": "APIVersion defines the versioned schema of this representation of an object.", "type": "string"],
                        "kind": ["description": "Kind is a string value representing the REST resource this object represents.", "type": "string"],
                        "metadata": ["allOf": [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]], "description": "Standard object's metadata."],
                        "spec": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                        "status": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                    ],
                    "x-kubernetes-group-version-kind": [gvk],
                ]
                let meta = OpenAPISchemas.components(for: [.init(group: "", version: "v1", kind: "ConfigMap")])
                for (name, schema) in meta where name.hasPrefix("io.k8s.apimachinery") && schemas[name] == nil { schemas[name] = schema }
            }
        }
        let sorted = JSONObject(uniqueKeysWithValues: schemas.sorted { $0.key < $1.key })
        return [
            "openapi": "3.0.0", "info": ["title": "Kubernetes", "version": "v1.32.0"],
            "paths": .object(paths), "components": ["schemas": .object(sorted)],
        ]
    }
}

/// The OpenAPI documents, generated once and served as bytes; the index's `hash` is the
/// document's own hash, so clients' caches (kubectl's --cache-dir) notice a change.
final class OpenAPICache: Sendable {
    let documents: OpenAPIDocuments
    private let rendered = Mutex<(index: [UInt8], documents: [String: [UInt8]])?>(nil)

    init(registry: ResourceRegistry) { documents = OpenAPIDocuments(registry: registry) }

    private func render() -> (index: [UInt8], documents: [String: [UInt8]]) {
        if let done = rendered.withLock({ $0 }) { return done }
        var bytesByKey: [String: [UInt8]] = [:]
        var paths = JSONObject()
        for (group, version) in documents.groupVersions {
            guard let doc = documents.document(group: group, version: version) else { continue }
            var bytes = doc.serializedBytes()
            bytes.append(0x0A)
            let key = OpenAPIDocuments.pathKey(group: group, version: version)
            bytesByKey[key] = bytes
            paths[key] = ["serverRelativeURL": .string("/openapi/v3/\(key)?hash=\(Self.hash(bytes))")]
        }
        var index = JSONValue.object(["paths": .object(paths)]).serializedBytes()
        index.append(0x0A)
        let result = (index, bytesByKey)
        rendered.withLock { $0 = result }
        return result
    }

    var index: [UInt8] { render().index }

    func document(group: String, version: String) -> [UInt8]? {
        render().documents[OpenAPIDocuments.pathKey(group: group, version: version)]
    }

    /// FNV-1a, upper-case hex, as a stand-in for upstream's SHA-512 prefix: only equality matters.
    static func hash(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 1469598103934665603
        for b in bytes { h = (h ^ UInt64(b)) &* 1099511628211 }
        return String(h, radix: 16, uppercase: true)
    }
}
