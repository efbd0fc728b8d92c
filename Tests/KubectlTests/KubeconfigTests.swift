import Foundation
import KubeAPI
import Testing

@testable import KubeClient
@testable import Kubectl

@Suite struct KubeconfigTests {
    let first = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev
          cluster:
            server: http://127.0.0.1:18080
            certificate-authority: ca.crt
        contexts:
        - name: dev
          context: {cluster: dev, user: alice, namespace: team-a}
        users:
        - name: alice
          user: {token: secret-token}
        """

    let second = """
        apiVersion: v1
        kind: Config
        current-context: prod
        clusters:
        - name: dev
          cluster: {server: http://ignored:1}
        - name: prod
          cluster: {server: https://prod:6443, insecure-skip-tls-verify: true}
        contexts:
        - name: prod
          context: {cluster: prod, user: bob}
        users:
        - name: bob
          user: {username: bob, password: pw}
        """

    func tempDir() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ks-kubeconfig-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func kubeconfigEnvironmentMergesFirstWins() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try first.write(toFile: "\(dir)/a", atomically: true, encoding: .utf8)
        try second.write(toFile: "\(dir)/b", atomically: true, encoding: .utf8)
        try "-----BEGIN CERTIFICATE-----\n".write(toFile: "\(dir)/ca.crt", atomically: true, encoding: .utf8)
        let loader = KubeconfigLoader(environment: ["KUBECONFIG": "\(dir)/a:\(dir)/missing:\(dir)/b", "HOME": dir])
        let merged = try loader.load()
        #expect(merged.currentContext == "dev")
        #expect(merged.names("clusters") == ["dev", "prod"])
        #expect(merged.cluster(named: "dev")?.server == "http://127.0.0.1:18080")
        #expect(merged.cluster(named: "dev")?.certificateAuthority == "\(dir)/ca.crt")
        #expect(merged.cluster(named: "prod")?.insecureSkipTLSVerify == true)
        let config = try ClientConfig.resolve(merged)
        #expect(config.caData == Array("-----BEGIN CERTIFICATE-----\n".utf8))
        #expect(config.server == "http://127.0.0.1:18080")
        #expect(config.namespace == "team-a")
        #expect(config.bearerToken == "secret-token")
        let prod = try ClientConfig.resolve(merged, overrides: .init(context: "prod", namespace: "ops"))
        #expect(prod.username == "bob")
        #expect(prod.namespace == "ops")
        #expect(throws: ClientConfigError.self) { try ClientConfig.resolve(merged, overrides: .init(context: "nope")) }
        #expect(loader.defaultFilename == "\(dir)/a")
    }

    @Test func explicitKubeconfigAloneAndHomeDefault() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(KubeconfigLoader(explicitPath: "/x/y", environment: ["KUBECONFIG": "/a:/b"]).precedence == ["/x/y"])
        #expect(KubeconfigLoader(environment: ["HOME": dir]).precedence == ["\(dir)/.kube/config"])
        #expect(throws: KubeconfigError.self) { try KubeconfigLoader(explicitPath: "\(dir)/none", environment: [:]).load() }
        #expect(throws: ClientConfigError.self) { try ClientConfig.resolve(Kubeconfig()) }
    }

    @Test func configCommandsEditTheRightFile() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/config"
        try first.write(toFile: path, atomically: true, encoding: .utf8)
        let captured = CapturedOutput()
        func kubectl(_ args: String...) async -> Int32 {
            await Terminal.$current.withValue(captured.terminal()) { await Kubectl.run(args + ["--kubeconfig", path]) }
        }
        #expect(await kubectl("config", "current-context") == 0)
        #expect(await kubectl("config", "set-cluster", "local", "--server", "http://127.0.0.1:1") == 0)
        #expect(await kubectl("config", "set-context", "other", "--cluster", "local", "--user", "alice", "-n", "kube-system") == 0)
        #expect(await kubectl("config", "use-context", "other") == 0)
        #expect(await kubectl("config", "use-context", "missing") == 1)
        #expect(await kubectl("config", "get-contexts") == 0)
        #expect(await kubectl("config", "view") == 0)
        #expect(captured.stdout.hasPrefix("dev\nCluster \"local\" set.\nContext \"other\" created.\nSwitched to context \"other\".\n"))
        #expect(captured.stderr == "error: no context exists with the name: \"missing\"\n")
        #expect(captured.stdout.contains("CURRENT   NAME    CLUSTER   AUTHINFO   NAMESPACE\n          dev     dev       alice      team-a\n*         other   local     alice      kube-system\n"))
        #expect(captured.stdout.contains("    token: REDACTED\n"))
        let reloaded = try KubeconfigLoader(explicitPath: path).load()
        #expect(reloaded.currentContext == "other")
        #expect(reloaded.context(named: "other")?.namespace == "kube-system")
    }
}
