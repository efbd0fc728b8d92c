import Foundation
import KubeAPI

extension APIServerCore {
    /// Version as the kubectl on these machines expects: it picks which kubectl binary runs
    /// by the server's minor version, so the minor must be one it has (≥ 30).
    static let version: JSONValue = [
        "major": "1", "minor": "32", "gitVersion": "v1.32.0-kubeswift", "gitCommit": "kubeswift",
        "gitTreeState": "clean", "buildDate": "2026-11-24T00:00:00Z", "goVersion": "swift6",
        "compiler": "swift", "platform": "linux/amd64",
    ]

    /// Paths that are not resources: version, health, metrics, discovery, OpenAPI.
    func handleNonResource(_ request: APIRequest) async throws(APIError) -> APIResponse? {
        let path = request.path.count > 1 && request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
        let discovery = Discovery(registry: registry)
        switch path {
        case "/version": return .json(Self.version)
        case "/healthz", "/livez", "/readyz", "/healthz/ping", "/livez/ping", "/readyz/ping":
            return try await health(path, verbose: request.query["verbose"] != nil)
        case "/metrics":
            return APIResponse(status: 200, contentType: "text/plain; version=0.0.4", body: .bytes(metrics.exposition()))
        case "/api":
            if let v = Discovery.aggregatedVersion(accept: request.accept) {
                return .json(discovery.aggregated(core: true, version: v),
                             contentType: "application/json;g=apidiscovery.k8s.io;v=\(v);as=APIGroupDiscoveryList")
            }
            return .json(discovery.coreVersions())
        case "/apis":
            if let v = Discovery.aggregatedVersion(accept: request.accept) {
                return .json(discovery.aggregated(core: false, version: v),
                             contentType: "application/json;g=apidiscovery.k8s.io;v=\(v);as=APIGroupDiscoveryList")
            }
            return .json(discovery.groupList())
        case "/openapi/v3":
            return APIResponse(status: 200, body: .bytes(openAPI.index))
        case "/openapi/v2":
            throw APIError.pathNotFound()
        default:
            break
        }
        // Every discovery path has at most three slashes; most resource paths have more and go
        // on without being split here.
        if path.utf8.count(where: { $0 == UInt8(ascii: "/") }) > 3 && !path.hasPrefix("/openapi/") { return nil }
        let parts = path.split(separator: "/").map(String.init)
        if parts.first == "openapi", parts.count >= 4, parts[1] == "v3" {
            let rest = Array(parts.dropFirst(2))
            let (group, version) = rest[0] == "api" ? ("", rest[1]) : (rest.count >= 3 ? (rest[1], rest[2]) : ("", ""))
            if let doc = openAPI.document(group: group, version: version) {
                return APIResponse(status: 200, body: .bytes(doc))
            }
            throw APIError.pathNotFound()
        }
        if parts.count == 2 && parts[0] == "api", let list = discovery.resourceList(group: "", version: parts[1]) {
            return .json(list)
        }
        if parts.count == 2 && parts[0] == "apis" {
            if let g = discovery.group(named: parts[1]) { return .json(g) }
            throw APIError.pathNotFound()
        }
        if parts.count == 3 && parts[0] == "apis" {
            if let list = discovery.resourceList(group: parts[1], version: parts[2]) { return .json(list) }
            throw APIError.pathNotFound()
        }
        return nil
    }

    /// `/livez`, `/readyz`, `/healthz`: `ok`, or the failing check named, as upstream prints it.
    func health(_ path: String, verbose: Bool) async throws(APIError) -> APIResponse {
        var checks: [(String, Bool)] = [("ping", true), ("log", true)]
        if !path.hasSuffix("/ping") {
            let storeOK: Bool
            do { _ = try await storage.store.currentRevision(); storeOK = true } catch { storeOK = false }
            checks.append(("etcd", storeOK))
            if path.hasPrefix("/readyz") { checks.append(("informer-sync", true)) }
        }
        let failed = checks.filter { !$0.1 }
        if !verbose && failed.isEmpty { return .text("ok") }
        var lines = checks.map { "[\($0.1 ? "+" : "-")]\($0.0) \($0.1 ? "ok" : "failed: reason withheld")" }
        let name = path.dropFirst().split(separator: "/").first.map(String.init) ?? "healthz"
        lines.append(failed.isEmpty ? "\(name) check passed" : "\(name) check failed")
        return .text(lines.joined(separator: "\n") + "\n", status: failed.isEmpty ? 200 : 500)
    }
}
