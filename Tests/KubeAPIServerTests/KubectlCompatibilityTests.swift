import Foundation
import KubeswiftTestSupport
import Testing

/// The standard kubectl (1.32 on the machine image) against a real `kubeswift apiserver`.
@Suite(.serialized, .enabled(if: which("kubectl") != nil && ServerProcess.available, "needs /usr/bin/kubectl and a built kubeswift binary"))
final class KubectlCompatibilityTests {
    let server: ServerProcess
    let cacheDir: String

    init() async throws {
        server = try await ServerProcess(extraArguments: ["--storage", "memory"])
        cacheDir = server.dataDir.appendingPathComponent("kubectl-cache").path
    }

    deinit {
        server.stop()
        server.removeData()
    }

    func kubectl(_ args: String..., stdin: String? = nil) async throws -> CommandResult {
        try await runCommand(which("kubectl")!, ["--server", server.url, "--cache-dir", cacheDir] + args, stdin: stdin)
    }

    let manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web}
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
                command: ["httpd", "-f", "-p", "8080"]
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data: {mode: fast}
        """

    @Test func applyGetLabelPatchDelete() async throws {
        let applied = try await kubectl("apply", "-f", "-", stdin: manifest)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("deployment.apps/web created"))
        #expect(applied.stdout.contains("service/web created"))
        #expect(applied.stdout.contains("configmap/settings created"))

        let again = try await kubectl("apply", "-f", "-", stdin: manifest)
        #expect(again.stdout.contains("deployment.apps/web unchanged"), "\(again.stdout)\(again.stderr)")

        let replicas = try await kubectl("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}")
        #expect(replicas.stdout == "2")
        let ip = try await kubectl("get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}")
        #expect(ip.stdout.hasPrefix("10.9"))

        let labelled = try await kubectl("label", "cm", "settings", "tier=backend")
        #expect(labelled.stdout.contains("configmap/settings labeled"))
        let selected = try await kubectl("get", "cm", "-l", "tier=backend", "-o", "name")
        #expect(selected.stdout == "configmap/settings\n")

        let patched = try await kubectl("patch", "cm", "settings", "--type", "merge", "-p", #"{"data":{"mode":"slow"}}"#)
        #expect(patched.status == 0, "\(patched.stderr)")
        #expect(try await kubectl("get", "cm", "settings", "-o", "jsonpath={.data.mode}").stdout == "slow")

        let described = try await kubectl("describe", "cm", "settings")
        #expect(described.stdout.contains("Name:"))
        #expect(described.stdout.contains("slow"))

        let deleted = try await kubectl("delete", "cm", "settings")
        #expect(deleted.stdout.contains("configmap \"settings\" deleted"))
        let missing = try await kubectl("get", "cm", "settings")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Error from server (NotFound): configmaps \"settings\" not found"))
    }

    @Test func invalidObjectReportsCauses() async throws {
        let bad = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: Not_Valid
            """
        let result = try await kubectl("create", "-f", "-", stdin: bad)
        #expect(result.status == 1)
        #expect(result.stderr.contains("is invalid: metadata.name: Invalid value: \"Not_Valid\""), "\(result.stderr)")
        let list = try await kubectl("get", "cm", "-o", "name")
        #expect(!list.stdout.contains("Not_Valid"))
    }

    @Test func serverSideApplyAndConflicts() async throws {
        let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: one\n"
        let first = try await kubectl("apply", "--server-side", "-f", "-", stdin: cm)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("configmap/ssa serverside-applied"))
        let other = try await kubectl("apply", "--server-side", "--field-manager", "other", "-f", "-", stdin: cm.replacingOccurrences(of: "one", with: "two"))
        #expect(other.status == 1)
        #expect(other.stderr.contains("conflict"), "\(other.stderr)")
        let forced = try await kubectl("apply", "--server-side", "--field-manager", "other", "--force-conflicts", "-f", "-", stdin: cm.replacingOccurrences(of: "one", with: "two"))
        #expect(forced.status == 0)
        #expect(try await kubectl("get", "cm", "ssa", "-o", "jsonpath={.data.k}").stdout == "two")
    }

    /// `kubectl create configmap|secret|deployment` send protobuf bodies through client-go's typed clients.
    @Test func typedCreateCommandsSendingProtobuf() async throws {
        let cm = try await kubectl("create", "configmap", "proto", "--from-literal=greeting=hello")
        #expect(cm.status == 0, "\(cm.stderr)")
        #expect(try await kubectl("get", "cm", "proto", "-o", "jsonpath={.data.greeting}").stdout == "hello")
        let secret = try await kubectl("create", "secret", "generic", "creds", "--from-literal=password=s3cret")
        #expect(secret.status == 0, "\(secret.stderr)")
        #expect(try await kubectl("get", "secret", "creds", "-o", "jsonpath={.data.password}").stdout == "czNjcmV0")
        let deploy = try await kubectl("create", "deployment", "proto-web", "--image=busybox", "--replicas=3")
        #expect(deploy.status == 0, "\(deploy.stderr)")
        #expect(try await kubectl("get", "deploy", "proto-web", "-o", "jsonpath={.spec.replicas}").stdout == "3")
    }

    @Test func discoveryDrivenCommands() async throws {
        let resources = try await kubectl("api-resources")
        #expect(resources.stdout.contains("deployments"))
        #expect(resources.stdout.contains("deploy"))
        let versions = try await kubectl("api-versions")
        #expect(versions.stdout.contains("apps/v1"))
        let version = try await kubectl("version")
        #expect(version.stdout.contains("Server Version: v1.32"))
        let namespaces = try await kubectl("get", "ns")
        #expect(namespaces.stdout.contains("kube-system"))
    }

    @Test func watchSeesChanges() async throws {
        _ = try await kubectl("apply", "-f", "-", stdin: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: watched\n")
        let outFile = server.dataDir.appendingPathComponent("watch-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        let out = try FileHandle(forWritingTo: outFile)
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: which("kubectl")!)
        watcher.arguments = ["--server", server.url, "--cache-dir", cacheDir, "get", "cm", "watched", "-w", "-o", "name", "--request-timeout", "20s"]
        watcher.standardOutput = out
        try watcher.run()
        try await Task.sleep(for: .milliseconds(1500))
        _ = try await kubectl("label", "cm", "watched", "x=y")
        try await Task.sleep(for: .milliseconds(1500))
        watcher.terminate()
        watcher.waitUntilExit()
        try? out.close()
        let text = (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
        #expect(text.components(separatedBy: "configmap/watched").count - 1 >= 2, "\(text)")
    }
}
