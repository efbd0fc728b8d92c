import Foundation
import KubeswiftTestSupport
import KubeAPI
import Testing

@testable import KubeAPIServer

/// `fieldValidation`: Strict refuses unknown and duplicate fields, Warn (the default, as
/// upstream) stores the object without them and says so in `Warning` headers, Ignore drops them.
@Suite struct FieldValidationTests {
    let deployment = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME"},"spec":{"foo":1,"replicas":1,"selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"c","image":"busybox","bar":"x"}]}}}}"#

    func post(_ api: TestAPI, name: String, body: String? = nil, validation: String?) async -> APIResponse {
        var query: [String: String] = [:]
        if let validation { query["fieldValidation"] = validation }
        return await api.core.handle(APIRequest(
            method: "POST", path: "/apis/apps/v1/namespaces/default/deployments", query: query,
            headers: ["content-type": "application/json"], body: Array((body ?? deployment).replacingOccurrences(of: "NAME", with: name).utf8)))
    }

    func stored(_ api: TestAPI, _ name: String) async -> JSONValue? {
        let r = await api.call("GET", "/apis/apps/v1/namespaces/default/deployments/\(name)")
        // Not a ternary: `nil` there would become JSONValue.null.
        guard r.status == 200 else { return nil }
        return r.body
    }

    @Test func warnStoresWithoutUnknownFieldsAndWarns() async throws {
        let api = try await TestAPI()
        for validation in ["Warn", nil] {
            let name = validation == nil ? "default" : "warn"
            let r = await post(api, name: name, validation: validation)
            #expect(r.status == 201)
            #expect(r.warnings == [#"unknown field "spec.foo""#, #"unknown field "spec.template.spec.containers[0].bar""#])
            let object = try #require(await stored(api, name))
            #expect(object[path: ["spec", "foo"]] == JSONValue?.none)
            #expect(object[path: ["spec", "replicas"]] == 1)
        }
    }

    @Test func ignoreDropsSilently() async throws {
        let api = try await TestAPI()
        let r = await post(api, name: "ignore", validation: "Ignore")
        #expect(r.status == 201)
        #expect(r.warnings.isEmpty)
        #expect(await stored(api, "ignore")?[path: ["spec", "foo"]] == JSONValue?.none)
    }

    @Test func strictRefusesAndStoresNothing() async throws {
        let api = try await TestAPI()
        let r = await post(api, name: "strict", validation: "Strict")
        #expect(r.status == 400)
        let status = try JSONValue.parse(r.bodyBytes)
        #expect(status["message"]?.stringValue?.contains(#"strict decoding error: unknown field "spec.foo""#) == true)
        #expect(await stored(api, "strict") == JSONValue?.none)
    }

    @Test func duplicateFields() async throws {
        let api = try await TestAPI()
        let body = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME","name":"NAME"},"spec":{"replicas":1,"replicas":2,"selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"c","image":"busybox","image":"busybox"}]}}}}"#
        let warned = await post(api, name: "dup", body: body, validation: nil)
        #expect(warned.status == 201)
        #expect(warned.warnings == [#"duplicate field "metadata.name""#, #"duplicate field "spec.replicas""#,
                                    #"duplicate field "spec.template.spec.containers[0].image""#])
        // The last value wins, as Go's decoder keeps it.
        #expect(await stored(api, "dup")?[path: ["spec", "replicas"]] == 2)
        let strict = await post(api, name: "dup2", body: body, validation: "Strict")
        #expect(strict.status == 400)
        #expect(String(decoding: strict.bodyBytes, as: UTF8.self).contains(#"duplicate field \"spec.replicas\""#))
        #expect(await stored(api, "dup2") == JSONValue?.none)
    }

    @Test func updatesAndPatchesWarnToo() async throws {
        let api = try await TestAPI()
        _ = await post(api, name: "upd", validation: "Ignore")
        let patch = await api.core.handle(APIRequest(
            method: "PATCH", path: "/apis/apps/v1/namespaces/default/deployments/upd",
            headers: ["content-type": "application/merge-patch+json"], body: Array(#"{"spec":{"baz":true}}"#.utf8)))
        #expect(patch.status == 200)
        #expect(patch.warnings == [#"unknown field "spec.baz""#])
        let strict = await api.core.handle(APIRequest(
            method: "PATCH", path: "/apis/apps/v1/namespaces/default/deployments/upd", query: ["fieldValidation": "Strict"],
            headers: ["content-type": "application/merge-patch+json"], body: Array(#"{"spec":{"baz":true}}"#.utf8)))
        #expect(strict.status == 400)
    }

    @Test func headerValueQuotesAsRFC7234() {
        #expect(RequestWarnings.headerValue(#"unknown field "spec.foo""#) == #"299 - "unknown field \"spec.foo\"""#)
    }

    /// Over real HTTP: each warning is its own `Warning` header.
    @Test func warningHeadersOnTheWire() async throws {
        guard ServerProcess.available else { return }
        let server = try await ServerProcess(extraArguments: ["--storage", "memory"])
        defer { server.stop(); server.removeData() }
        let body = deployment.replacingOccurrences(of: "NAME", with: "wire")
        let result = try await runCommand(which("curl") ?? "/usr/bin/curl", [
            "-s", "-D", "-", "-o", "/dev/null", "-X", "POST", "-H", "Content-Type: application/json",
            "--data-binary", body, server.url + "/apis/apps/v1/namespaces/default/deployments",
        ])
        let warnings = result.stdout.split(separator: "\r\n").filter { $0.lowercased().hasPrefix("warning:") }
            .map { $0.dropFirst("warning:".count).trimmingCharacters(in: .whitespaces) }
        #expect(warnings == [#"299 - "unknown field \"spec.foo\"""#, #"299 - "unknown field \"spec.template.spec.containers[0].bar\"""#],
                "\(result.stdout)")
    }
}
