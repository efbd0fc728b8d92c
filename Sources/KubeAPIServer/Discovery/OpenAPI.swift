import KubeAPI

/// OpenAPI v3: the `/openapi/v3` index and one document per group-version, with every
/// resource path and operation tagged `x-kubernetes-group-version-kind` and the
/// `fieldValidation` parameter on writes — which is how kubectl decides that the server
/// validates fields itself (cli-runtime's query-param verifier).
struct OpenAPIDocuments: Sendable {
    let registry: ResourceRegistry

    static func pathKey(group: String, version: String) -> String {
        group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
    }

    func index() -> JSONValue {
        var paths = JSONObject()
        paths["api/v1"] = ["serverRelativeURL": .string("/openapi/v3/api/v1?hash=\(hash(group: "", version: "v1"))")]
        for g in registry.groups {
            for v in g.versions {
                let key = Self.pathKey(group: g.name, version: v)
                paths[key] = ["serverRelativeURL": .string("/openapi/v3/\(key)?hash=\(hash(group: g.name, version: v))")]
            }
        }
        return ["paths": .object(paths)]
    }

    func hash(group: String, version: String) -> String {
        let names = registry.resources(group: group, version: version).map(\.resource).joined(separator: ",")
        var h: UInt64 = 1469598103934665603
        for b in names.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        return String(h, radix: 16, uppercase: true)
    }

    static func schemaName(_ r: ResourceInfo) -> String {
        let g = r.group.isEmpty ? "core" : r.group.split(separator: ".").first.map(String.init) ?? r.group
        return "io.k8s.api.\(g).\(r.version).\(r.kind)"
    }

    func document(group: String, version: String) -> JSONValue? {
        let resources = registry.resources(group: group, version: version)
        guard !resources.isEmpty else { return nil }
        var paths = JSONObject()
        var schemas = JSONObject()
        let query: (String, String) -> JSONValue = { name, description in
            ["name": .string(name), "in": "query", "description": .string(description), "schema": ["type": "string", "uniqueItems": true]]
        }
        let writeParams: [JSONValue] = [
            query("dryRun", "When present, indicates that modifications should not be persisted."),
            query("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes."),
            query("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict"),
        ]
        for r in resources {
            let gvk: JSONValue = ["group": .string(r.group), "version": .string(r.version), "kind": .string(r.kind)]
            let ref: JSONValue = ["$ref": .string("#/components/schemas/\(Self.schemaName(r))")]
            let body: JSONValue = ["content": ["application/json": ["schema": ref]], "required": true]
            let ok: JSONValue = ["200": ["description": "OK", "content": ["application/json": ["schema": ref]]]]
            func op(_ action: String, params: [JSONValue] = [], withBody: Bool = false, patch: Bool = false) -> JSONValue {
                var o: JSONValue = [
                    "description": .string("\(action) \(r.kind)"), "operationId": .string("\(action)\(r.kind)"),
                    "parameters": .array(params), "responses": ok, "x-kubernetes-action": .string(action),
                    "x-kubernetes-group-version-kind": gvk,
                ]
                if withBody { o["requestBody"] = body }
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
            for sub in r.subresources where ["status", "scale"].contains(sub) {
                paths[base + "/{name}/\(sub)"] = ["get": op("get"), "put": op("put", params: writeParams, withBody: true),
                                                  "patch": op("patch", params: writeParams, patch: true)]
            }
            schemas[Self.schemaName(r)] = [
                "description": .string("\(r.kind) is a Kubernetes \(r.namespaced ? "namespaced" : "cluster-scoped") resource served by kubeswift."),
                "type": "object",
                "properties": [
                    "apiVersion": ["description": "APIVersion defines the versioned schema of this representation of an object.", "type": "string"],
                    "kind": ["description": "Kind is a string value representing the REST resource this object represents.", "type": "string"],
                    "metadata": ["description": "Standard object's metadata.", "type": "object", "x-kubernetes-preserve-unknown-fields": true],
                    "spec": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                    "status": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                ],
                "x-kubernetes-group-version-kind": [gvk],
            ]
        }
        return [
            "openapi": "3.0.0", "info": ["title": "Kubernetes", "version": "v1.32.0"],
            "paths": .object(paths), "components": ["schemas": .object(schemas)],
        ]
    }
}
