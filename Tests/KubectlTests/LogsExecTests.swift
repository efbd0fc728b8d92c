import Foundation
import KubeAPI
import Testing

@testable import Kubectl

/// The parts of `kubectl logs/exec/attach` that need no server.
@Suite struct LogsExecTests {
    func kubectl(_ args: String...) async -> (status: Int32, stdout: String, stderr: String) {
        let captured = CapturedOutput()
        let status = await Terminal.$current.withValue(captured.terminal()) { await Kubectl.run(args + ["--server", "http://127.0.0.1:1"]) }
        return (status, captured.stdout, captured.stderr)
    }

    @Test func argumentErrorsAsUpstream() async {
        var r = await kubectl("logs")
        #expect(r.status == 1)
        #expect(r.stderr == "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n")
        r = await kubectl("logs", "p", "c", "-c", "d")
        #expect(r.stderr == "error: only one of -c or an inline [CONTAINER] arg is allowed\n")
        r = await kubectl("logs", "p", "--all-containers", "-c", "x")
        #expect(r.stderr == "error: --all-containers=true should not be specified with container name x\n")
        r = await kubectl("logs", "p", "--since", "1m", "--since-time", "2026-11-24T09:00:00Z")
        #expect(r.stderr == "error: at most one of `sinceTime` or `sinceSeconds` may be specified\n")
        r = await kubectl("logs", "p", "--tail", "-2")
        #expect(r.stderr == "error: --tail must be greater than or equal to -1\n")
        r = await kubectl("exec", "p")
        #expect(r.stderr == "error: you must specify at least one command for the container\n")
        r = await kubectl("exec")
        #expect(r.stderr.hasPrefix("error: expected 'exec (POD | TYPE/NAME) COMMAND [ARG1] [ARG2] ... [ARGN]'."))
    }

    @Test func utf8ChunksNeverSplitACharacter() {
        var chunks = UTF8Chunks()
        let bytes = Array("a✓b".utf8)  // ✓ is three bytes
        #expect(chunks.feed(Array(bytes[0..<2])) == "a")
        #expect(chunks.feed(Array(bytes[2..<3])) == "")
        #expect(chunks.feed(Array(bytes[3...])) == "✓b")
        #expect(chunks.feed([0xF0, 0x9F]) == "")
        #expect(chunks.finish() == "\u{FFFD}")
    }

    @Test func prefixEachLine() {
        var atStart = true
        #expect(LogRequest.prefixed("a\nb", "[p] ", atLineStart: &atStart) == "[p] a\n[p] b")
        #expect(LogRequest.prefixed("c\n", "[p] ", atLineStart: &atStart) == "c\n")
    }

    @Test func containerDefaulting() throws {
        let pod: JSONValue = [
            "metadata": ["name": "p", "annotations": ["kubectl.kubernetes.io/default-container": "b"]],
            "spec": ["initContainers": [["name": "i"]], "containers": [["name": "a"], ["name": "b"]], "ephemeralContainers": [["name": "e"]]],
        ]
        let names = ContainerNames(pod: pod)
        #expect(names.all == ["i", "a", "b", "e"])
        #expect(names.described == "a, b, e (ephem), i (init)")
        #expect(try names.defaulted(podName: "p", quiet: false) == "b")
        let plain = ContainerNames(pod: ["spec": ["containers": [["name": "only"]]]])
        #expect(try plain.defaulted(podName: "p", quiet: false) == "only")
    }

    @Test func selectorsAndPodChoice() {
        #expect(Session.labelSelectorString(["matchLabels": ["b": "2", "a": "1"], "matchExpressions": [["key": "t", "operator": "In", "values": ["x", "y"]]]])
                == "a=1,b=2,t in (x,y)")
        let pending: JSONValue = ["metadata": ["name": "pending"], "spec": ["nodeName": "n"], "status": ["phase": "Pending"]]
        let running: JSONValue = ["metadata": ["name": "running"], "spec": ["nodeName": "n"], "status": ["phase": "Running"]]
        let unscheduled: JSONValue = ["metadata": ["name": "unscheduled"], "status": ["phase": "Pending"]]
        let ready: JSONValue = ["metadata": ["name": "ready"], "spec": ["nodeName": "n"],
                                "status": ["phase": "Running", "conditions": [["type": "Ready", "status": "True"]]]]
        let sorted = [unscheduled, pending, running, ready].sorted(by: PodLoggingOrder.before).map(\.name)
        #expect(sorted == ["ready", "running", "pending", "unscheduled"])
    }
}
