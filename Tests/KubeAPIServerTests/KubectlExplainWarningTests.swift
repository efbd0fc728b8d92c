import Foundation
import KubeswiftTestSupport
import Kubectl
import Testing

/// The standard kubectl (1.32) reading the generated OpenAPI (`explain`) and printing the
/// server's field-validation warnings.
@Suite(.serialized, .enabled(if: which("kubectl") != nil && ServerProcess.available, "needs /usr/bin/kubectl and a built kubeswift binary"))
final class KubectlExplainWarningTests {
    let server: ServerProcess
    let cacheDir: String

    init() async throws {
        server = try await ServerProcess(extraArguments: ["--storage", "memory"])
        cacheDir = server.dataDir.appendingPathComponent("kubectl-cache-\(UUID().uuidString)").path
    }

    deinit {
        server.stop()
        server.removeData()
    }

    func kubectl(_ args: String..., stdin: String? = nil) async throws -> CommandResult {
        try await runCommand(which("kubectl")!, ["--server", server.url, "--cache-dir", cacheDir] + args, stdin: stdin)
    }

    @Test func explainPodSpecContainers() async throws {
        let r = try await kubectl("explain", "pod.spec.containers")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <[]Container>\n"), "\(r.stdout)")
        #expect(r.stdout.contains("List of containers belonging to the pod."))
        #expect(r.stdout.contains("  image\t<string>\n"))
        #expect(r.stdout.contains("  name\t<string> -required-\n"))
        #expect(r.stdout.contains("  ports\t<[]ContainerPort>\n"))
        #expect(r.stdout.contains("  resources\t<ResourceRequirements>\n"))
        #expect(r.stdout.contains("Container image name."))
    }

    @Test func explainKindAndRecursive() async throws {
        let pod = try await kubectl("explain", "pods")
        #expect(pod.status == 0, "\(pod.stderr)")
        #expect(pod.stdout.contains("Pod is a collection of containers that can run on a host."))
        #expect(pod.stdout.contains("  spec\t<PodSpec>\n"))
        let recursive = try await kubectl("explain", "deployment.spec", "--recursive")
        #expect(recursive.status == 0, "\(recursive.stderr)")
        #expect(recursive.stdout.hasPrefix("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: spec <DeploymentSpec>\n"), "\(recursive.stdout)")
        #expect(recursive.stdout.contains("  template\t<PodTemplateSpec> -required-\n"), "\(recursive.stdout)")
        #expect(recursive.stdout.contains("      containers\t<[]Container> -required-\n"))
        #expect(recursive.stdout.contains("        image\t<string>\n"))
        let port = try await kubectl("explain", "svc.spec.ports.targetPort")
        #expect(port.stdout.contains("FIELD: targetPort <IntOrString>"), "\(port.stdout)\(port.stderr)")
        let missing = try await kubectl("explain", "pod.spec.nope")
        #expect(missing.status != 0)
    }

    /// The bundled kubectl prints what the standard one prints, byte for byte.
    @Test func bundledExplainMatchesStandard() async throws {
        for args in [["pods"], ["pod.spec.containers"], ["pod.spec.containers.name"], ["deployment.spec", "--recursive"],
                     ["svc.spec.ports.targetPort"], ["deploy.spec.strategy"], ["cm"]] {
            let standard = try await runCommand(which("kubectl")!, ["explain"] + args + ["--server", server.url, "--cache-dir", cacheDir])
            let captured = CapturedOutput()
            let status = await Terminal.$current.withValue(captured.terminal()) {
                await Kubectl.run(["explain"] + args + ["--server", server.url])
            }
            #expect(status == 0, "\(args): \(captured.stderr)")
            #expect(captured.stdout == standard.stdout, "\(args)\n--- bundled\n\(captured.stdout)\n--- standard\n\(standard.stdout)")
        }
    }

    let unknownField = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: NAME
        data: {a: b}
        spec: {foo: 1}
        """

    @Test func validateWarnPrintsWarningAndStores() async throws {
        let applied = try await kubectl("apply", "--validate=warn", "-f", "-", stdin: unknownField.replacingOccurrences(of: "NAME", with: "warned"))
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stderr.contains("Warning: unknown field \"spec\""), "\(applied.stderr)")
        #expect(try await kubectl("get", "cm", "warned", "-o", "jsonpath={.data.a}").stdout == "b")

        let ignored = try await kubectl("create", "--validate=ignore", "-f", "-", stdin: unknownField.replacingOccurrences(of: "NAME", with: "ignored"))
        #expect(ignored.status == 0, "\(ignored.stderr)")
        #expect(!ignored.stderr.contains("Warning"))

        let strict = try await kubectl("create", "-f", "-", stdin: unknownField.replacingOccurrences(of: "NAME", with: "strict"))
        #expect(strict.status != 0)
        #expect(strict.stderr.contains("strict decoding error: unknown field \"spec\""), "\(strict.stderr)")
        #expect(try await kubectl("get", "cm", "strict").status != 0)
    }

    /// Client-side apply computes its patch from the served schema: a second apply that changes
    /// one container's image keeps the other container (merge by name), as upstream.
    @Test func clientSideApplyMergesByKeyFromTheSchema() async throws {
        func manifest(_ image: String) -> String {
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: merged}
            spec:
              selector: {matchLabels: {app: m}}
              template:
                metadata: {labels: {app: m}}
                spec:
                  containers:
                  - {name: a, image: \(image)}
                  - {name: b, image: busybox}
            """
        }
        #expect(try await kubectl("apply", "-f", "-", stdin: manifest("busybox")).status == 0)
        _ = try await kubectl("patch", "deploy", "merged", "--type", "strategic", "-p",
                              #"{"spec":{"template":{"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"}]}]}}}}"#)
        let second = try await kubectl("apply", "-f", "-", stdin: manifest("nginx"))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!second.stderr.contains("warning"), "\(second.stderr)")
        let images = try await kubectl("get", "deploy", "merged", "-o", "jsonpath={.spec.template.spec.containers[*].image}")
        #expect(images.stdout == "nginx busybox")
        // The env the patch added is not in the applied configuration's history: apply leaves it.
        let env = try await kubectl("get", "deploy", "merged", "-o", "jsonpath={.spec.template.spec.containers[0].env[0].name}")
        #expect(env.stdout == "X")
    }
}
