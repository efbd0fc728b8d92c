import KubeAPI

/// Discovery documents, legacy (`/api`, `/apis`, `/api/v1`, `/apis/G/V`) and aggregated
/// (`apidiscovery.k8s.io` v2 / v2beta1, chosen by the Accept header).
struct Discovery: Sendable {
    let registry: ResourceRegistry

    static let aggregatedTypes = ["v2", "v2beta1"]

    /// The aggregated-discovery version the client accepts, if any.
    static func aggregatedVersion(accept: String) -> String? {
        for media in MediaType.parseList(accept) where media.acceptsJSON {
            if media.parameters["g"] == "apidiscovery.k8s.io", media.parameters["as"] == "APIGroupDiscoveryList",
               let v = media.parameters["v"], aggregatedTypes.contains(v) {
                return v
            }
            if media.parameters["as"] == nil { return nil }
        }
        return nil
    }

    func coreVersions() -> JSONValue {
        ["kind": "APIVersions", "versions": ["v1"],
         "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": ""]]]
    }

    func groupList() -> JSONValue {
        ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(registry.groups.map(group))]
    }

    func group(_ g: (name: String, versions: [String])) -> JSONValue {
        let versions: [JSONValue] = g.versions.map { ["groupVersion": .string("\(g.name)/\($0)"), "version": .string($0)] }
        return ["name": .string(g.name), "versions": .array(versions), "preferredVersion": versions[0]]
    }

    func group(named name: String) -> JSONValue? {
        guard let g = registry.groups.first(where: { $0.name == name }) else { return nil }
        var doc = group(g)
        doc["kind"] = "APIGroup"
        doc["apiVersion"] = "v1"
        return doc
    }

    func resourceList(group: String, version: String) -> JSONValue? {
        let resources = registry.resources(group: group, version: version)
        guard !resources.isEmpty else { return nil }
        var entries: [JSONValue] = []
        for r in resources {
            var entry: JSONValue = [
                "name": .string(r.resource), "singularName": .string(r.singular), "namespaced": .bool(r.namespaced),
                "kind": .string(r.kind), "verbs": .array(r.verbs.map(JSONValue.string)),
            ]
            if !r.shortNames.isEmpty { entry["shortNames"] = .array(r.shortNames.map(JSONValue.string)) }
            if !r.categories.isEmpty { entry["categories"] = .array(r.categories.map(JSONValue.string)) }
            entries.append(entry)
            for sub in r.subresources {
                let s = Self.subresource(sub, of: r)
                var subEntry: JSONValue = [
                    "name": .string("\(r.resource)/\(sub)"), "singularName": "", "namespaced": .bool(r.namespaced),
                ]
                if !s.group.isEmpty || s.version != r.version || s.group != r.group {
                    subEntry["group"] = .string(s.group)
                    subEntry["version"] = .string(s.version)
                }
                subEntry["kind"] = .string(s.kind)
                subEntry["verbs"] = .array(s.verbs.map(JSONValue.string))
                entries.append(subEntry)
            }
        }
        return [
            "kind": "APIResourceList", "apiVersion": "v1",
            "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"), "resources": .array(entries),
        ]
    }

    /// The kind and verbs of a subresource, as upstream's discovery lists them.
    static func subresource(_ name: String, of r: ResourceInfo) -> (group: String, version: String, kind: String, verbs: [String]) {
        switch name {
        case "status", "ephemeralcontainers": return (r.group, r.version, r.kind, ["get", "patch", "update"])
        case "scale": return ("autoscaling", "v1", "Scale", ["get", "patch", "update"])
        case "binding": return ("", "v1", "Binding", ["create"])
        case "eviction": return ("policy", "v1", "Eviction", ["create"])
        case "log": return ("", "v1", "Pod", ["get"])
        case "exec": return ("", "v1", "PodExecOptions", ["create", "get"])
        case "attach": return ("", "v1", "PodAttachOptions", ["create", "get"])
        case "portforward": return ("", "v1", "PodPortForwardOptions", ["create", "get"])
        case "proxy": return ("", "v1", r.kind == "Node" ? "NodeProxyOptions" : r.kind == "Service" ? "ServiceProxyOptions" : "PodProxyOptions",
                              ["create", "delete", "get", "patch", "update"])
        case "finalize": return ("", "v1", "Namespace", ["update"])
        case "token": return ("authentication.k8s.io", "v1", "TokenRequest", ["create"])
        default: return (r.group, r.version, r.kind, ["get"])
        }
    }

    /// APIGroupDiscoveryList for `/api` (core) or `/apis` (named groups).
    func aggregated(core: Bool, version: String) -> JSONValue {
        let groups: [(name: String, versions: [String])] = core ? [("", ["v1"])] : registry.groups
        let items: [JSONValue] = groups.map { g in
            let versions: [JSONValue] = g.versions.map { v in
                let resources: [JSONValue] = registry.resources(group: g.name, version: v).map { r in
                    var entry: JSONValue = [
                        "resource": .string(r.resource),
                        "responseKind": ["group": .string(r.group), "version": .string(r.version), "kind": .string(r.kind)],
                        "scope": .string(r.namespaced ? "Namespaced" : "Cluster"),
                        "singularResource": .string(r.singular),
                        "verbs": .array(r.verbs.map(JSONValue.string)),
                    ]
                    if !r.shortNames.isEmpty { entry["shortNames"] = .array(r.shortNames.map(JSONValue.string)) }
                    if !r.categories.isEmpty { entry["categories"] = .array(r.categories.map(JSONValue.string)) }
                    if !r.subresources.isEmpty {
                        entry["subresources"] = .array(r.subresources.map { sub in
                            let s = Self.subresource(sub, of: r)
                            return [
                                "subresource": .string(sub),
                                "responseKind": ["group": .string(s.group), "version": .string(s.version), "kind": .string(s.kind)],
                                "verbs": .array(s.verbs.map(JSONValue.string)),
                            ]
                        })
                    }
                    return entry
                }
                return ["version": .string(v), "resources": .array(resources), "freshness": "Current"]
            }
            var metadata: JSONValue = ["creationTimestamp": nil]
            if !g.name.isEmpty { metadata["name"] = .string(g.name) }
            return ["metadata": metadata, "versions": .array(versions)]
        }
        return ["kind": "APIGroupDiscoveryList", "apiVersion": .string("apidiscovery.k8s.io/\(version)"),
                "metadata": [:], "items": .array(items)]
    }
}
