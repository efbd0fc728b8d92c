import Foundation
import KubeAPI
import KubeClient

/// One object a verb acts on: resolved resource, namespace and name.
struct Target {
    var resource: APIResourceInfo
    var namespace: String?
    var name: String

    var path: ResourcePath { resource.path(namespace: namespace, name: name) }
    func path(subresource: String) -> ResourcePath { resource.path(namespace: namespace, name: name, subresource: subresource) }
    /// `deployment.apps/web`: how kubectl names an object in its messages.
    var displayName: String { "\(resource.kindQualifiedName)/\(name)" }
    /// `deployments.apps "web"`: how API errors name it.
    var quotedName: String { "\(resource.qualifiedName) \"\(name)\"" }
}

extension Session {
    /// The objects named by `TYPE NAME…`, `TYPE/NAME…`, `-l`/`--all` over a type, or `-f` files,
    /// in the order given, as kubectl's resource builder resolves them.
    func targets(_ arguments: [String], verb: String, selector: String? = nil, all: Bool = false, filenames: [String] = []) async throws -> [Target] {
        let mapper = try await mapper()
        var targets: [Target] = []
        if !filenames.isEmpty {
            for object in try ManifestReader.read(filenames) {
                let m = try ManifestObject(object, mapper: mapper, defaultNamespace: namespace, explicitNamespace: explicitNamespace)
                targets.append(Target(resource: m.resource, namespace: m.namespace, name: m.name))
            }
            return targets
        }
        for (resource, names) in try ResourceArguments(arguments, verb: verb).resolve(mapper) {
            let ns = resource.namespaced ? namespace : nil
            if names.isEmpty {
                guard all || selector != nil else { throw KubectlError("resource(s) were provided, but no name was specified") }
                let list = try await client.list(resource.path(namespace: ns), query: selector.map { ["labelSelector": $0] } ?? [:])
                targets += (list["items"]?.arrayValue ?? []).map {
                    Target(resource: resource, namespace: ns, name: $0[path: ["metadata", "name"]]?.stringValue ?? "")
                }
            } else {
                targets += names.map { Target(resource: resource, namespace: ns, name: $0) }
            }
        }
        return targets
    }
}
