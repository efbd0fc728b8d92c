import Foundation
import KubeAPI
import KubeClient
import KubeswiftTestSupport
import Testing

@testable import Kubectl

/// rollout, scale, set image, expose, run, create generators, cordon/uncordon/taint/drain against a real
/// apiserver (no controllers or kubelet: the tests write the status a controller would), and where the
/// standard kubectl is present, the same command lines through it must print the same thing.
@Suite(.serialized, .enabled(if: ServerProcess.available, "needs the kubeswift binary: swift build --product kubeswift"))
final class WorkloadCommandTests {
    let server: ServerProcess
    let client: RESTClient

    init() async throws {
        server = try await ServerProcess(extraArguments: ["--storage", "memory"])
        client = try RESTClient(config: ClientConfig(server: server.url))
    }

    deinit {
        server.stop()
        server.removeData()
    }

    func kubectl(_ args: String..., stdin: String = "") async -> KubectlRun {
        let captured = CapturedOutput()
        let status = await Terminal.$current.withValue(captured.terminal(stdin: Data(stdin.utf8))) {
            // Flags first: a trailing --server would land after a `--` terminator.
            await Kubectl.run(["--server", server.url] + args)
        }
        return KubectlRun(status: status, stdout: captured.stdout, stderr: captured.stderr)
    }

    /// The standard kubectl with the same arguments, or nil when it is not installed.
    func standardKubectl(_ args: String...) async throws -> CommandResult? {
        guard let path = which("kubectl") else { return nil }
        return try await runCommand(path, ["--server", server.url, "--cache-dir", server.dataDir.appendingPathComponent("kubectl-cache").path] + args)
    }

    func object(_ path: ResourcePath) async throws -> JSONValue { try await client.get(path) }

    let deployments = ResourcePath(group: "apps", version: "v1", resource: "deployments", namespace: "default")
    func deployment(_ name: String) -> ResourcePath { ResourcePath(group: "apps", version: "v1", resource: "deployments", namespace: "default", name: name) }

    @Test func createScaleSetImagePauseResumeRestart() async throws {
        var r = await kubectl("create", "deployment", "web", "--image=nginx:1.25", "--replicas=2", "--port=80")
        #expect(r.stdout == "deployment.apps/web created\n", "\(r.stderr)")
        var d = try await object(deployment("web"))
        #expect(d[path: ["spec", "template", "spec", "containers", ]]?.arrayValue?.first?["name"] == "nginx")
        #expect(d[path: ["metadata", "labels"]] == ["app": "web"])

        r = await kubectl("scale", "deployment/web", "--replicas=3")
        #expect(r.stdout == "deployment.apps/web scaled\n", "\(r.stderr)")
        #expect(try await object(deployment("web"))[path: ["spec", "replicas"]] == 3)
        r = await kubectl("scale", "deploy", "web", "--replicas=4", "--current-replicas=2")
        #expect(r.status == 1)
        #expect(r.stderr == "error: Expected replicas to be 2, was 3\n")
        r = await kubectl("scale", "deploy", "web")
        #expect(r.stderr == "error: required flag(s) \"replicas\" not set\n")

        r = await kubectl("set", "image", "deployment/web", "nginx=nginx:1.26")
        #expect(r.stdout == "deployment.apps/web image updated\n", "\(r.stderr)")
        d = try await object(deployment("web"))
        #expect(d[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:1.26")
        #expect(d[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?[path: ["ports"]] == [["containerPort": 80, "protocol": "TCP"]])
        r = await kubectl("set", "image", "deployment/web", "sidecar=busybox")
        #expect(r.stderr == "error: unable to find container named \"sidecar\"\n")

        r = await kubectl("rollout", "pause", "deployment/web")
        #expect(r.stdout == "deployment.apps/web paused\n", "\(r.stderr)")
        r = await kubectl("rollout", "pause", "deployment/web")
        #expect(r.stderr == "error: deployments.apps \"web\" is already paused\n")
        if let standard = try await standardKubectl("rollout", "pause", "deployment/web") {
            #expect(standard.stderr == r.stderr)
        }
        r = await kubectl("rollout", "restart", "deployment/web")
        #expect(r.status == 1)
        r = await kubectl("rollout", "resume", "deployment/web")
        #expect(r.stdout == "deployment.apps/web resumed\n")
        #expect(try await object(deployment("web"))[path: ["spec", "paused"]] == nil)
        r = await kubectl("rollout", "restart", "deployment/web")
        #expect(r.stdout == "deployment.apps/web restarted\n", "\(r.stderr)")
        let restartedAt = try await object(deployment("web"))[path: ["spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt"]]?.stringValue
        #expect(restartedAt.map { (try? Time(rfc3339: $0)) != nil } == true)

        // The standard kubectl says the same for the same verbs.
        if let standard = try await standardKubectl("scale", "deployment/web", "--replicas=5") {
            #expect(standard.stdout == "deployment.apps/web scaled\n", "\(standard.stderr)")
            #expect(try await object(deployment("web"))[path: ["spec", "replicas"]] == 5)
        }
    }

    /// Writes the status a deployment controller would, through the status subresource.
    func setStatus(_ name: String, _ change: (inout JSONValue) -> Void) async throws {
        var d = try await object(deployment(name))
        var status = d["status"] ?? [:]
        change(&status)
        status.set(path: ["observedGeneration"], to: d[path: ["metadata", "generation"]])
        d.set(path: ["status"], to: status)
        _ = try await client.update(ResourcePath(group: "apps", version: "v1", resource: "deployments", namespace: "default", name: name, subresource: "status"), body: d)
    }

    @Test func rolloutStatusFollowsTheRolloutUntilDone() async throws {
        _ = await kubectl("create", "deployment", "api", "--image=busybox", "--replicas=2")
        var r = await kubectl("rollout", "status", "deployment/api", "--watch=false")
        #expect(r.status == 0)
        #expect(r.stdout == "Waiting for deployment spec update to be observed...\n")
        try await setStatus("api") { $0 = ["replicas": 2, "updatedReplicas": 1] }
        r = await kubectl("rollout", "status", "deployment/api", "--watch=false")
        #expect(r.stdout == "Waiting for deployment \"api\" rollout to finish: 1 out of 2 new replicas have been updated...\n")

        // Watching: progress lines until done, while the "controller" moves the status along.
        let captured = CapturedOutput()
        let url = server.url
        let watcher = Task {
            await Terminal.$current.withValue(captured.terminal()) {
                await Kubectl.run(["rollout", "status", "deployment/api", "--timeout=60s", "--server", url])
            }
        }
        // Each step waits until the watcher has printed the previous one (no timing assumptions).
        func printed(_ text: String) async throws {
            let deadline = ContinuousClock.now + .seconds(30)
            while !captured.stdout.contains(text) && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        }
        try await printed("1 out of 2 new replicas have been updated")
        try await setStatus("api") { $0 = ["replicas": 2, "updatedReplicas": 2, "availableReplicas": 1] }
        try await printed("1 of 2 updated replicas are available")
        try await setStatus("api") { $0 = ["replicas": 2, "updatedReplicas": 2, "availableReplicas": 2] }
        #expect(await watcher.value == 0)
        #expect(captured.stdout == """
            Waiting for deployment "api" rollout to finish: 1 out of 2 new replicas have been updated...
            Waiting for deployment "api" rollout to finish: 1 of 2 updated replicas are available...
            deployment "api" successfully rolled out

            """)
        if let standard = try await standardKubectl("rollout", "status", "deployment/api") {
            #expect(standard.stdout == "deployment \"api\" successfully rolled out\n", "\(standard.stderr)")
        }
    }

    @Test func rolloutHistoryAndUndo() async throws {
        _ = await kubectl("create", "deployment", "hist", "--image=busybox:1")
        let d = try await object(deployment("hist"))
        let uid = d[path: ["metadata", "uid"]] ?? ""
        // Two revisions, as the deployment controller leaves them.
        for (revision, image) in [(1, "busybox:1"), (2, "busybox:2")] {
            let hash = "h\(revision)"
            let rs: JSONValue = [
                "apiVersion": "apps/v1", "kind": "ReplicaSet",
                "metadata": ["name": .string("hist-\(hash)"), "labels": ["app": "hist", "pod-template-hash": .string(hash)],
                             "annotations": ["deployment.kubernetes.io/revision": .string(String(revision))],
                             "ownerReferences": [["apiVersion": "apps/v1", "kind": "Deployment", "name": "hist", "uid": uid, "controller": true]]],
                "spec": ["replicas": 0, "selector": ["matchLabels": ["app": "hist", "pod-template-hash": .string(hash)]],
                         "template": ["metadata": ["labels": ["app": "hist", "pod-template-hash": .string(hash)]],
                                      "spec": ["containers": [["name": "busybox", "image": .string(image)]]]]],
            ]
            _ = try await client.create(ResourcePath(group: "apps", version: "v1", resource: "replicasets", namespace: "default"), body: rs)
        }
        _ = await kubectl("set", "image", "deployment/hist", "busybox=busybox:2")
        var r = await kubectl("rollout", "history", "deployment/hist")
        #expect(r.stdout == "deployment.apps/hist \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n", "\(r.stderr)")
        if let standard = try await standardKubectl("rollout", "history", "deployment/hist") {
            #expect(standard.stdout == r.stdout)
        }
        r = await kubectl("rollout", "history", "deployment/hist", "--revision=1")
        #expect(r.stdout.hasPrefix("deployment.apps/hist with revision #1\nPod Template:\n"))
        #expect(r.stdout.contains("busybox:1"))

        r = await kubectl("rollout", "undo", "deployment/hist")
        #expect(r.stdout == "deployment.apps/hist rolled back\n", "\(r.stderr)")
        let template = try await object(deployment("hist"))[path: ["spec", "template"]]
        #expect(template?[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "busybox:1")
        #expect(template?[path: ["metadata", "labels", "pod-template-hash"]] == nil)
        r = await kubectl("rollout", "undo", "deployment/hist", "--to-revision=1")
        #expect(r.stdout == "deployment.apps/hist skipped rollback (current template already matches revision 1)\n")
        r = await kubectl("rollout", "undo", "deployment/hist", "--to-revision=9")
        #expect(r.stderr == "error: unable to find specified revision 9 in history\n")
    }

    @Test func runExposeAndCreateJobsFromGenerators() async throws {
        var r = await kubectl("run", "solo", "--image=busybox", "--restart=Never", "--env=MODE=fast", "--", "sleep", "30")
        #expect(r.stdout == "pod/solo created\n", "\(r.stderr)")
        let pod = try await object(ResourcePath(group: "", version: "v1", resource: "pods", namespace: "default", name: "solo"))
        #expect(pod[path: ["spec", "containers"]]?.arrayValue?.first?["args"] == ["sleep", "30"])
        #expect(pod[path: ["spec", "restartPolicy"]] == "Never")
        #expect(pod[path: ["metadata", "labels"]] == ["run": "solo"])
        r = await kubectl("run", "nope")
        #expect(r.stderr == "error: required flag(s) \"image\" not set\n")

        _ = await kubectl("create", "deployment", "shop", "--image=nginx", "--port=8080")
        r = await kubectl("expose", "deployment", "shop", "--port=80", "--target-port=8080", "--type=NodePort")
        #expect(r.stdout == "service/shop exposed\n", "\(r.stderr)")
        let svc = try await object(ResourcePath(group: "", version: "v1", resource: "services", namespace: "default", name: "shop"))
        #expect(svc[path: ["spec", "selector"]] == ["app": "shop"])
        #expect(svc[path: ["spec", "type"]] == "NodePort")
        #expect(svc[path: ["spec", "ports"]]?.arrayValue?.first?["targetPort"] == 8080)
        #expect((svc[path: ["spec", "ports"]]?.arrayValue?.first?["nodePort"]?.intValue ?? 0) >= 30000)
        r = await kubectl("expose", "pod", "solo")
        #expect(r.stderr == "error: couldn't find port via --port flag or introspection\n")

        r = await kubectl("create", "cronjob", "tick", "--image=busybox", "--schedule=*/5 * * * *", "--", "date")
        #expect(r.stdout == "cronjob.batch/tick created\n", "\(r.stderr)")
        r = await kubectl("create", "job", "manual", "--from=cronjob/tick")
        #expect(r.stdout == "job.batch/manual created\n", "\(r.stderr)")
        let job = try await object(ResourcePath(group: "batch", version: "v1", resource: "jobs", namespace: "default", name: "manual"))
        #expect(job[path: ["metadata", "annotations", "cronjob.kubernetes.io/instantiate"]] == "manual")
        #expect(job[path: ["metadata", "ownerReferences"]]?.arrayValue?.first?["kind"] == "CronJob")
        #expect(job[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["command"] == ["date"])
        r = await kubectl("create", "job", "once", "--image=busybox", "--", "echo", "hi")
        #expect(r.stdout == "job.batch/once created\n", "\(r.stderr)")
        r = await kubectl("create", "cronjob", "bad", "--image=busybox")
        #expect(r.stderr == "error: required flag(s) \"schedule\" not set\n")
    }

    func makeNode(_ name: String) async throws {
        _ = try await client.create(ResourcePath(group: "", version: "v1", resource: "nodes"), body: ["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name)]])
    }

    func makePod(_ name: String, node: String, owner: String? = nil) async throws {
        var pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)],
                              "spec": ["nodeName": .string(node), "containers": [["name": "c", "image": "busybox"]]]]
        if let owner {
            pod.set(path: ["metadata", "ownerReferences"], to: [["apiVersion": "apps/v1", "kind": .string(owner), "name": "o", "uid": .string("u-\(owner)"), "controller": true]])
        }
        _ = try await client.create(ResourcePath(group: "", version: "v1", resource: "pods", namespace: "default"), body: pod)
    }

    @Test func cordonTaintAndDrain() async throws {
        try await makeNode("n1")
        var r = await kubectl("cordon", "n1")
        #expect(r.stdout == "node/n1 cordoned\n", "\(r.stderr)")
        r = await kubectl("cordon", "n1")
        #expect(r.stdout == "node/n1 already cordoned\n")
        r = await kubectl("uncordon", "n1")
        #expect(r.stdout == "node/n1 uncordoned\n")
        if let standard = try await standardKubectl("uncordon", "n1") {
            #expect(standard.stdout == "node/n1 already uncordoned\n", "\(standard.stderr)")
        }

        r = await kubectl("taint", "nodes", "n1", "dedicated=db:NoSchedule")
        #expect(r.stdout == "node/n1 tainted\n", "\(r.stderr)")
        r = await kubectl("taint", "nodes", "n1", "dedicated=web:NoSchedule")
        #expect(r.stderr == "error: node n1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n")
        r = await kubectl("taint", "node", "n1", "dedicated:NoSchedule-")
        #expect(r.stdout == "node/n1 untainted\n")
        let taints = try await object(ResourcePath(group: "", version: "v1", resource: "nodes", name: "n1"))[path: ["spec", "taints"]]
        #expect(taints == nil || taints?.arrayValue?.isEmpty == true)
        if let standard = try await standardKubectl("taint", "nodes", "n1", "gpu=yes:NoSchedule") {
            #expect(standard.stdout == "node/n1 tainted\n", "\(standard.stderr)")
            r = await kubectl("taint", "nodes", "n1", "gpu:NoSchedule-")
            #expect(r.stdout == "node/n1 untainted\n", "\(r.stderr)")
        }

        try await makeNode("n2")
        try await makePod("web-1", node: "n2", owner: "ReplicaSet")
        try await makePod("agent-1", node: "n2", owner: "DaemonSet")
        try await makePod("loner", node: "n2")
        r = await kubectl("drain", "n2")
        #expect(r.status == 1)
        #expect(r.stdout == "node/n2 cordoned\n")
        #expect(r.stderr.hasPrefix("error: unable to drain node \"n2\" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-1, cannot delete Pods that declare no controller (use --force to override): default/loner, continuing command...\nThere are pending nodes to be drained:\n n2\n"))
        r = await kubectl("drain", "n2", "--ignore-daemonsets", "--force", "--grace-period=0", "--timeout=30s")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "node/n2 already cordoned\nevicting pod default/loner\nevicting pod default/web-1\npod/loner evicted\npod/web-1 evicted\nnode/n2 drained\n")
        #expect(r.stderr == "Warning: ignoring DaemonSet-managed Pods: default/agent-1\nWarning: deleting Pods that declare no controller: default/loner\n")
        let left = try await client.list(ResourcePath(group: "", version: "v1", resource: "pods", namespace: "default"), query: ["fieldSelector": "spec.nodeName=n2"])
        #expect(left["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["agent-1"])
    }
}
