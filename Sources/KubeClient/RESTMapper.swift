import KubeAPI

/// Maps what a user types (`po`, `pods`, `pod`, `Pod`, `deploy`, `deployments.apps`, `deployments.v1.apps`)
/// to a resource, over the resources discovery returned, in preference order (core group first, then
/// groups in the order `/apis` lists them, preferred version first).
public struct RESTMapper: Sendable {
    public let resources: [APIResourceInfo]

    public init(resources: [APIResourceInfo]) {
        self.resources = resources.filter { !$0.name.contains("/") }
    }

    public func resource(for input: String) throws(RESTMapperError) -> APIResourceInfo {
        let lowered = input.lowercased()
        var candidates: [(name: String, version: String?, group: String?)] = [(lowered, nil, nil)]
        let parts = lowered.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            candidates.append((parts[0], nil, parts[1]))
            let rest = parts[1].split(separator: ".", maxSplits: 1).map(String.init)
            if rest.count == 2, rest[0].first == "v", rest[0].dropFirst().first?.isNumber == true {
                candidates.append((parts[0], rest[0], rest[1]))
            } else if rest.count == 1, rest[0].first == "v", rest[0].dropFirst().first?.isNumber == true {
                candidates.append((parts[0], rest[0], ""))
            }
        }
        // Exact resource names beat singular names, which beat kinds and short names (upstream's priority).
        for matches in [
            { (r: APIResourceInfo, n: String) in r.name == n },
            { (r: APIResourceInfo, n: String) in r.singularName == n || (r.singularName.isEmpty && r.kind.lowercased() == n) },
            { (r: APIResourceInfo, n: String) in r.kind.lowercased() == n },
            { (r: APIResourceInfo, n: String) in r.shortNames.contains(n) },
        ] {
            for candidate in candidates.reversed() {
                if let found = resources.first(where: { r in
                    matches(r, candidate.name) && (candidate.group.map { $0 == r.group } ?? true)
                        && (candidate.version.map { $0 == r.version } ?? true)
                }) {
                    return found
                }
            }
        }
        throw RESTMapperError(input: input)
    }

    /// Resources in a category (`all`). Falls back to upstream's members of `all` when the server
    /// does not publish categories.
    public func category(_ name: String) -> [APIResourceInfo] {
        let tagged = resources.filter { $0.categories.contains(name) }
        if !tagged.isEmpty || name != "all" { return uniqueByGroupResource(tagged) }
        let members = ["pods", "replicationcontrollers", "services", "daemonsets", "deployments", "replicasets", "statefulsets", "horizontalpodautoscalers", "cronjobs", "jobs"]
        return uniqueByGroupResource(members.compactMap { name in resources.first { $0.name == name } })
    }

    func uniqueByGroupResource(_ list: [APIResourceInfo]) -> [APIResourceInfo] {
        var seen: Set<String> = []
        return list.filter { seen.insert($0.qualifiedName).inserted }
    }

    /// The resource for a kind in an apiVersion (`apps/v1`, `Deployment`), for objects read from files.
    public func resource(apiVersion: String, kind: String) throws(RESTMapperError) -> APIResourceInfo {
        let parts = apiVersion.split(separator: "/").map(String.init)
        let group = parts.count == 2 ? parts[0] : ""
        let version = parts.last ?? ""
        if let exact = resources.first(where: { $0.kind == kind && $0.group == group && $0.version == version }) { return exact }
        if let anyVersion = resources.first(where: { $0.kind == kind && $0.group == group }) {
            var r = anyVersion
            r.version = version
            return r
        }
        throw RESTMapperError(input: kind, apiVersion: apiVersion)
    }
}

public struct RESTMapperError: Error, CustomStringConvertible, Sendable {
    public var input: String
    public var apiVersion: String?
    public init(input: String, apiVersion: String? = nil) {
        self.input = input
        self.apiVersion = apiVersion
    }
    public var description: String {
        if let apiVersion {
            return "resource mapping not found for name: \"\" namespace: \"\" from \"\": no matches for kind \"\(input)\" in version \"\(apiVersion)\"\nensure CRDs are installed first"
        }
        return "the server doesn't have a resource type \"\(input)\""
    }
}
