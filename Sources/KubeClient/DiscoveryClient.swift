import KubeAPI

/// Reads `/api`, `/apis`, `/api/v1`, `/apis/G/V` and builds a `RESTMapper`.
public struct DiscoveryClient: Sendable {
    public let client: RESTClient
    public init(client: RESTClient) { self.client = client }

    public struct GroupVersions: Sendable, Equatable {
        public var group: String
        public var versions: [String]
        public var preferred: String
    }

    /// Core first (`""` with `v1`), then `/apis` groups in server order.
    public func groups() async throws -> [GroupVersions] {
        var out: [GroupVersions] = []
        let core = try JSONValue.parse(try await client.getRaw("/api"))
        let coreVersions = core["versions"]?.arrayValue?.compactMap(\.stringValue) ?? ["v1"]
        out.append(GroupVersions(group: "", versions: coreVersions, preferred: coreVersions.first ?? "v1"))
        let apis = try JSONValue.parse(try await client.getRaw("/apis"))
        for group in apis["groups"]?.arrayValue ?? [] {
            guard let name = group["name"]?.stringValue else { continue }
            let versions = group["versions"]?.arrayValue?.compactMap { $0["version"]?.stringValue } ?? []
            let preferred = group[path: ["preferredVersion", "version"]]?.stringValue ?? versions.first ?? ""
            out.append(GroupVersions(group: name, versions: versions, preferred: preferred))
        }
        return out
    }

    /// `v1`, `apps/v1`, … as `kubectl api-versions` lists them (sorted).
    public func apiVersions() async throws -> [String] {
        try await groups().flatMap { g in g.versions.map { g.group.isEmpty ? $0 : "\(g.group)/\($0)" } }.sorted()
    }

    public func resources(groupVersion: String) async throws -> [APIResourceInfo] {
        let path = groupVersion.contains("/") ? "/apis/\(groupVersion)" : "/api/\(groupVersion)"
        let list = try JSONValue.parse(try await client.getRaw(path))
        return (list["resources"]?.arrayValue ?? []).compactMap { APIResourceInfo(discovery: $0, groupVersion: groupVersion) }
    }

    /// All resources, preferred version of each group first, then the group's other versions.
    public func allResources(preferredOnly: Bool = false) async throws -> [APIResourceInfo] {
        var out: [APIResourceInfo] = []
        for group in try await groups() {
            var versions = [group.preferred] + group.versions.filter { $0 != group.preferred }
            if preferredOnly { versions = [group.preferred] }
            for version in versions where !version.isEmpty {
                let gv = group.group.isEmpty ? version : "\(group.group)/\(version)"
                out += try await resources(groupVersion: gv)
            }
        }
        return out
    }

    public func restMapper() async throws -> RESTMapper { RESTMapper(resources: try await allResources()) }

    /// `/version` as a tree (`gitVersion`, `major`, `minor`, `platform`, …).
    public func serverVersion() async throws -> JSONValue { try JSONValue.parse(try await client.getRaw("/version")) }
}
