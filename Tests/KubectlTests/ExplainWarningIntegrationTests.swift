import Foundation
import KubeswiftTestSupport
import Testing

@testable import Kubectl

/// The bundled kubectl against a real apiserver: explain from the generated OpenAPI, and
/// field-validation warnings printed as upstream (`Warning: …` on stderr).
@Suite(.serialized, .enabled(if: ServerProcess.available, "needs the kubeswift binary: swift build --product kubeswift"))
final class ExplainWarningIntegrationTests {
    let server: ServerProcess

    init() async throws { server = try await ServerProcess(extraArguments: ["--storage", "memory"]) }
    deinit {
        server.stop()
        server.removeData()
    }

    func kubectl(_ args: String..., stdin: String = "") async -> KubectlRun {
        let captured = CapturedOutput()
        let status = await Terminal.$current.withValue(captured.terminal(stdin: Data(stdin.utf8))) {
            await Kubectl.run(args + ["--server", server.url])
        }
        return KubectlRun(status: status, stdout: captured.stdout, stderr: captured.stderr)
    }

    @Test func explainFromServedSchemas() async {
        let r = await kubectl("explain", "pod.spec.containers")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <[]Container>\n"), "\(r.stdout)")
        #expect(r.stdout.contains("List of containers belonging to the pod."))
        #expect(r.stdout.contains("  name\t<string> -required-\n"))
        #expect(r.stdout.contains("  image\t<string>\n    Container image name."))
        #expect(r.stdout.contains("List of containers belonging to the pod. Containers cannot currently be\n"))
        #expect(r.stdout.contains("  livenessProbe\t<Probe>\n"))

        let recursive = await kubectl("explain", "deployment.spec", "--recursive")
        #expect(recursive.status == 0, "\(recursive.stderr)")
        #expect(recursive.stdout.hasPrefix("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: spec <DeploymentSpec>\n"), "\(recursive.stdout)")
        #expect(recursive.stdout.contains("  template\t<PodTemplateSpec> -required-\n"), "\(recursive.stdout)")
        #expect(recursive.stdout.contains("      containers\t<[]Container> -required-\n"))
        #expect(recursive.stdout.contains("        image\t<string>\n"))

        let port = await kubectl("explain", "svc.spec.ports.targetPort")
        #expect(port.stdout.contains("FIELD: targetPort <IntOrString>"), "\(port.stdout)\(port.stderr)")
        let missing = await kubectl("explain", "pod.spec.nope")
        #expect(missing.status != 0)
    }

    let unknownField = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: NAME}
        spec:
          foo: 1
          selector: {matchLabels: {app: w}}
          template:
            metadata: {labels: {app: w}}
            spec:
              containers: [{name: c, image: busybox}]
        """

    @Test func warnPrintsTheServersWarnings() async {
        let warned = await kubectl("apply", "--validate=warn", "-f", "-", stdin: unknownField.replacingOccurrences(of: "NAME", with: "warned"))
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stderr == "Warning: unknown field \"spec.foo\"\n")
        #expect(warned.stdout == "deployment.apps/warned created\n")
        #expect(await kubectl("get", "deploy", "warned", "-o", "name").stdout == "deployment.apps/warned\n")

        let ignored = await kubectl("create", "--validate=false", "-f", "-", stdin: unknownField.replacingOccurrences(of: "NAME", with: "ignored"))
        #expect(ignored.status == 0, "\(ignored.stderr)")
        #expect(ignored.stderr.isEmpty)

        let strict = await kubectl("create", "-f", "-", stdin: unknownField.replacingOccurrences(of: "NAME", with: "strict"))
        #expect(strict.status != 0)
        #expect(strict.stderr.contains("strict decoding error: unknown field \"spec.foo\""), "\(strict.stderr)")

        let bad = await kubectl("apply", "--validate=sometimes", "-f", "-", stdin: unknownField)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("invalid - validate option \"sometimes\""))
    }
}
