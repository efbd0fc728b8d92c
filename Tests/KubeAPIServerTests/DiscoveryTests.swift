import Foundation
import KubeAPI
import Testing

@testable import KubeAPIServer

@Suite struct DiscoveryTests {
    @Test func versionReportsAMinorKubectlKnows() async throws {
        let api = try await TestAPI()
        let v = await api.call("GET", "/version")
        #expect(Int(v.body["minor"]?.stringValue ?? "") ?? 0 >= 30)
    }

    @Test func legacyDiscovery() async throws {
        let api = try await TestAPI()
        #expect(await api.call("GET", "/api").body["versions"] == ["v1"])
        let groups = await api.call("GET", "/apis")
        #expect(groups.status == 200)
        #expect(groups.body["groups"]?.arrayValue?.contains { $0["name"] == "apps" } == true)
        let core = await api.call("GET", "/api/v1")
        let pods = core.body["resources"]?.arrayValue?.first { $0["name"] == "pods" }
        #expect(pods?["shortNames"] == ["po"])
        #expect(pods?["namespaced"] == true)
        #expect(core.body["resources"]?.arrayValue?.contains { $0["name"] == "pods/status" } == true)
        let scale = await api.call("GET", "/apis/apps/v1").body["resources"]?.arrayValue?.first { $0["name"] == "deployments/scale" }
        #expect(scale?["kind"] == "Scale")
        #expect(scale?["group"] == "autoscaling")
        #expect(await api.call("GET", "/apis/nope").status == 404)
    }

    @Test func aggregatedDiscoveryByAcceptHeader() async throws {
        let api = try await TestAPI()
        for version in ["v2", "v2beta1"] {
            let accept = "application/json;g=apidiscovery.k8s.io;v=\(version);as=APIGroupDiscoveryList,application/json"
            let response = await api.core.handle(APIRequest(method: "GET", path: "/apis", headers: ["accept": accept]))
            #expect(response.contentType == "application/json;g=apidiscovery.k8s.io;v=\(version);as=APIGroupDiscoveryList")
            let body = try JSONValue.parse(response.bodyBytes)
            #expect(body["kind"] == "APIGroupDiscoveryList")
            let apps = body["items"]?.arrayValue?.first { $0[path: ["metadata", "name"]] == "apps" }
            let deploy = apps?["versions"]?.arrayValue?.first?["resources"]?.arrayValue?.first { $0["resource"] == "deployments" }
            #expect(deploy?["scope"] == "Namespaced")
            #expect(deploy?["subresources"]?.arrayValue?.contains { $0["subresource"] == "scale" } == true)
        }
    }

    @Test func openAPIv3AnnouncesFieldValidationOnPatch() async throws {
        let api = try await TestAPI()
        let index = await api.call("GET", "/openapi/v3")
        let url = index.body[path: ["paths", "apis/apps/v1", "serverRelativeURL"]]?.stringValue ?? ""
        #expect(url.hasPrefix("/openapi/v3/apis/apps/v1?hash="))
        let doc = await api.call("GET", "/openapi/v3/apis/apps/v1")
        let patch = doc.body[path: ["paths", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "patch"]]
        #expect(patch?["x-kubernetes-group-version-kind"] == ["group": "apps", "version": "v1", "kind": "Deployment"])
        #expect(patch?["parameters"]?.arrayValue?.contains { $0["name"] == "fieldValidation" } == true)
    }

    @Test func healthAndMetrics() async throws {
        let api = try await TestAPI()
        for path in ["/healthz", "/livez", "/readyz"] {
            let r = await api.core.handle(APIRequest(method: "GET", path: path))
            #expect(r.status == 200)
            #expect(String(decoding: r.bodyBytes, as: UTF8.self) == "ok")
        }
        let verbose = await api.core.handle(APIRequest(method: "GET", path: "/readyz", query: ["verbose": ""]))
        #expect(String(decoding: verbose.bodyBytes, as: UTF8.self).contains("[+]etcd ok"))
        await api.call("GET", "/api/v1/namespaces/default/pods")
        let metrics = String(decoding: await api.core.handle(APIRequest(method: "GET", path: "/metrics")).bodyBytes, as: UTF8.self)
        #expect(metrics.contains("apiserver_request_total"))
        #expect(metrics.contains("resource=\"pods\""))
    }
}
