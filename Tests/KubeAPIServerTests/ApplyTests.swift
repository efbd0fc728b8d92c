import Foundation
import KubeAPI
import KubeStore
import Testing

@testable import KubeAPIServer

@Suite struct ApplyTests {
    let deployments = "/apis/apps/v1/namespaces/default/deployments"
    let yaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: httpd
                image: busybox
        """

    @Test func applyCreatesThenConflictsWithAnotherManagerUnlessForced() async throws {
        let api = try await TestAPI()
        let created = await api.callYAML("PATCH", deployments + "/web", yaml: yaml, contentType: "application/apply-patch+yaml", query: ["fieldManager": "alice"])
        #expect(created.status == 201)
        let entries = created.body[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        #expect(entries.first?["manager"] == "alice")
        #expect(entries.first?["operation"] == "Apply")
        #expect(entries.first?[path: ["fieldsV1", "f:spec", "f:replicas"]] == [:])

        let other = yaml.replacingOccurrences(of: "replicas: 2", with: "replicas: 5")
        let conflict = await api.callYAML("PATCH", deployments + "/web", yaml: other, contentType: "application/apply-patch+yaml", query: ["fieldManager": "bob"])
        #expect(conflict.status == 409)
        #expect(conflict.body["message"] == "Apply failed with 1 conflict: conflict with \"alice\": .spec.replicas")
        #expect(conflict.body[path: ["details", "causes"]]?.arrayValue?.first?["field"] == ".spec.replicas")
        #expect(await api.call("GET", deployments + "/web").body[path: ["spec", "replicas"]] == 2)

        let forced = await api.callYAML("PATCH", deployments + "/web", yaml: other, contentType: "application/apply-patch+yaml", query: ["fieldManager": "bob", "force": "true"])
        #expect(forced.status == 200)
        #expect(forced.body[path: ["spec", "replicas"]] == 5)
        #expect(forced.body[path: ["metadata", "generation"]] == 2)
    }

    @Test func updatesRecordTheirManager() async throws {
        let api = try await TestAPI()
        let created = await api.call("POST", "/api/v1/namespaces/default/configmaps", ["metadata": ["name": "c"], "data": ["a": "1"]], query: ["fieldManager": "tool"])
        let entry = created.body[path: ["metadata", "managedFields"]]?.arrayValue?.first
        #expect(entry?["manager"] == "tool")
        #expect(entry?["operation"] == "Update")
        #expect(entry?[path: ["fieldsV1", "f:data", "f:a"]] == [:])
    }

    @Test func applyWithoutFieldManagerIsInvalid() async throws {
        let api = try await TestAPI()
        let reply = await api.callYAML("PATCH", deployments + "/web", yaml: yaml, contentType: "application/apply-patch+yaml")
        #expect(reply.status == 422)
    }
}
