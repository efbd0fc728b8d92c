import Foundation
import KubeswiftTestSupport
import Testing

@testable import Kubectl

/// `kubectl create deployment|job|cronjob|namespace --dry-run=client` needs no server and prints
/// what upstream prints. The expected texts are kubectl 1.32's output for the same command lines;
/// where the standard kubectl is installed, it is run too and must print the same.
@Suite struct ClientDryRunTests {
    /// Nothing listens on port 1: any request would fail the command.
    static let unreachable = "http://127.0.0.1:1"

    func bundled(_ args: [String]) async -> KubectlRun {
        let captured = CapturedOutput()
        let status = await Terminal.$current.withValue(captured.terminal(stdin: Data())) {
            await Kubectl.run(["--server", Self.unreachable] + args)
        }
        return KubectlRun(status: status, stdout: captured.stdout, stderr: captured.stderr)
    }

    func expectSameAsUpstream(_ args: [String], _ expected: String) async throws {
        let ours = await bundled(args)
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(ours.stdout == expected)
        guard let kubectl = which("kubectl") else { return }
        var environment = ProcessInfo.processInfo.environment
        environment["KUBECONFIG"] = "/nonexistent"
        let standard = try await runCommand(kubectl, ["--server", Self.unreachable] + args, environment: environment)
        #expect(standard.stdout == expected, "standard kubectl: \(standard.stderr)")
    }

    @Test func deploymentAsYAML() async throws {
        try await expectSameAsUpstream(["create", "deployment", "web", "--image=nginx", "--dry-run=client", "-o", "yaml"], """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              creationTimestamp: null
              labels:
                app: web
              name: web
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: web
              strategy: {}
              template:
                metadata:
                  creationTimestamp: null
                  labels:
                    app: web
                spec:
                  containers:
                  - image: nginx
                    name: nginx
                    resources: {}
            status: {}

            """)
    }

    @Test func cronJobInANamedNamespace() async throws {
        try await expectSameAsUpstream(
            ["-n", "batch-jobs", "create", "cronjob", "c", "--image=busybox", "--schedule=*/5 * * * *", "--dry-run=client", "-o", "yaml"], """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              creationTimestamp: null
              name: c
              namespace: batch-jobs
            spec:
              jobTemplate:
                metadata:
                  creationTimestamp: null
                  name: c
                spec:
                  template:
                    metadata:
                      creationTimestamp: null
                    spec:
                      containers:
                      - image: busybox
                        name: c
                        resources: {}
                      restartPolicy: OnFailure
              schedule: '*/5 * * * *'
            status: {}

            """)
    }

    @Test func jobAndNamespaceOneLiners() async throws {
        try await expectSameAsUpstream(["create", "job", "j", "--image=busybox", "--dry-run=client"], "job.batch/j created (dry run)\n")
        try await expectSameAsUpstream(["create", "namespace", "n1", "--dry-run=client", "-o", "name"], "namespace/n1\n")
        try await expectSameAsUpstream(["create", "namespace", "n1", "--dry-run=client", "-o", "yaml"], """
            apiVersion: v1
            kind: Namespace
            metadata:
              creationTimestamp: null
              name: n1
            spec: {}
            status: {}

            """)
    }
}
