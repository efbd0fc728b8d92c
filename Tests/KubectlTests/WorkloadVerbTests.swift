import Foundation
import KubeAPI
import Testing

@testable import Kubectl

/// The pure parts of rollout, taint, drain and the generators, with upstream's wording.
@Suite struct WorkloadVerbUnitTests {
    func deployment(generation: Int64, observed: Int64, replicas: Int64, status: JSONValue) -> JSONValue {
        var d: JSONValue = ["metadata": ["name": "web", "generation": .int(generation)], "spec": ["replicas": .int(replicas)], "status": status]
        d.set(path: ["status", "observedGeneration"], to: .int(observed))
        return d
    }

    @Test func deploymentRolloutStatusMessages() throws {
        var r = try RolloutStatus.report(kind: "Deployment", object: deployment(generation: 2, observed: 1, replicas: 3, status: [:]))
        #expect(r == .init(message: "Waiting for deployment spec update to be observed...\n", done: false))
        r = try RolloutStatus.report(kind: "Deployment", object: deployment(generation: 2, observed: 2, replicas: 3, status: ["updatedReplicas": 1, "replicas": 3]))
        #expect(r.message == "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n")
        r = try RolloutStatus.report(kind: "Deployment", object: deployment(generation: 2, observed: 2, replicas: 3, status: ["updatedReplicas": 3, "replicas": 4]))
        #expect(r.message == "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...\n")
        r = try RolloutStatus.report(kind: "Deployment", object: deployment(generation: 2, observed: 2, replicas: 3, status: ["updatedReplicas": 3, "replicas": 3, "availableReplicas": 2]))
        #expect(r.message == "Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...\n")
        r = try RolloutStatus.report(kind: "Deployment", object: deployment(generation: 2, observed: 2, replicas: 3, status: ["updatedReplicas": 3, "replicas": 3, "availableReplicas": 3]))
        #expect(r == .init(message: "deployment \"web\" successfully rolled out\n", done: true))
        let stuck = deployment(generation: 1, observed: 1, replicas: 1, status: ["conditions": [["type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded"]]])
        #expect(throws: RolloutStatus.Failure(description: "deployment \"web\" exceeded its progress deadline")) {
            try RolloutStatus.report(kind: "Deployment", object: stuck)
        }
        #expect(throws: RolloutStatus.Failure.self) { try RolloutStatus.report(kind: "Job", object: [:]) }
    }

    @Test func daemonSetAndStatefulSetRolloutStatus() throws {
        let ds: JSONValue = ["metadata": ["name": "agent", "generation": 1],
                             "status": ["observedGeneration": 1, "desiredNumberScheduled": 3, "updatedNumberScheduled": 3, "numberAvailable": 1]]
        #expect(try RolloutStatus.report(kind: "DaemonSet", object: ds).message
            == "Waiting for daemon set \"agent\" rollout to finish: 1 of 3 updated pods are available...\n")
        let sts: JSONValue = ["metadata": ["name": "db", "generation": 1], "spec": ["replicas": 3],
                              "status": ["observedGeneration": 1, "readyReplicas": 3, "currentReplicas": 3, "updatedReplicas": 3,
                                         "currentRevision": "db-1", "updateRevision": "db-1"]]
        #expect(try RolloutStatus.report(kind: "StatefulSet", object: sts) == .init(message: "statefulset rolling update complete 3 pods at revision db-1...\n", done: true))
    }

    @Test func historyKeepsOnlyControlledRevisionsInOrder() {
        let owner: JSONValue = ["metadata": ["name": "web", "uid": "u1"]]
        func rs(_ name: String, revision: String, uid: String, cause: String? = nil) -> JSONValue {
            var annotations: JSONObject = ["deployment.kubernetes.io/revision": .string(revision)]
            if let cause { annotations["kubernetes.io/change-cause"] = .string(cause) }
            return ["metadata": ["name": .string(name), "annotations": .object(annotations),
                                 "ownerReferences": [["kind": "Deployment", "uid": .string(uid), "controller": true]]],
                    "spec": ["template": ["metadata": ["labels": ["app": "web", "pod-template-hash": .string(name)]]]]]
        }
        let history = RolloutHistory(owner: owner, candidates: [rs("b", revision: "2", uid: "u1", cause: "kubectl set image"), rs("a", revision: "1", uid: "u1"), rs("x", revision: "7", uid: "other")])
        #expect(history.revisions.map(\.number) == [1, 2])
        #expect(history.table == "REVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image\n")
        #expect(history.target(toRevision: 0)?.number == 1)
        #expect(history.target(toRevision: 5) == nil)
        #expect(RolloutHistory.withoutHash(history.revisions[0].template) == ["metadata": ["labels": ["app": "web"]]])
    }

    @Test func taintSpecsParseAndApplyAsUpstream() throws {
        let changes = try TaintChanges(["dedicated=db:NoSchedule", "gpu:NoExecute"])
        let (taints, operation) = try changes.apply(to: [], nodeName: "n1", overwrite: false, now: Time(secondsSince1970: 0))
        #expect(operation == "tainted")
        #expect(taints == [["key": "dedicated", "value": "db", "effect": "NoSchedule"], ["key": "gpu", "effect": "NoExecute", "timeAdded": "1970-01-01T00:00:00Z"]])
        #expect(throws: KubectlError.self) { try TaintChanges(["dedicated=db:NoSchedule"]).apply(to: taints, nodeName: "n1", overwrite: false) }
        let overwritten = try TaintChanges(["dedicated=web:NoSchedule"]).apply(to: taints, nodeName: "n1", overwrite: true)
        #expect(overwritten.taints.first == ["key": "dedicated", "value": "web", "effect": "NoSchedule"])
        let removed = try TaintChanges(["dedicated-"]).apply(to: taints, nodeName: "n1", overwrite: false)
        #expect(removed.operation == "untainted")
        #expect(removed.taints.count == 1)
        do {
            _ = try TaintChanges(["missing:NoSchedule-"]).apply(to: taints, nodeName: "n1", overwrite: false)
            Issue.record("removing an absent taint must fail")
        } catch let error as KubectlError {
            #expect(error.description == "error: taint \"missing:NoSchedule\" not found")
        }
        do {
            _ = try TaintChanges(["a=b:Sometimes"])
            Issue.record("a bad effect must fail")
        } catch let error as KubectlError {
            #expect(error.description == "error: invalid taint effect: Sometimes, unsupported taint effect")
        }
        #expect(throws: KubectlError.self) { try TaintChanges(["novalue"]) }
    }

    @Test func drainSortsPodsAsUpstream() {
        func pod(_ name: String, owner: String? = nil, emptyDir: Bool = false, phase: String = "Running") -> JSONValue {
            var p: JSONValue = ["metadata": ["name": .string(name), "namespace": "default"], "status": ["phase": .string(phase)]]
            if let owner { p.set(path: ["metadata", "ownerReferences"], to: [["kind": .string(owner), "name": "o", "controller": true]]) }
            if emptyDir { p.set(path: ["spec", "volumes"], to: [["name": "scratch", "emptyDir": [:]]]) }
            return p
        }
        let pods = [pod("rs-1", owner: "ReplicaSet"), pod("ds-1", owner: "DaemonSet"), pod("solo"), pod("cache", owner: "ReplicaSet", emptyDir: true), pod("done", phase: "Succeeded")]
        let strict = DrainFilter().sort(pods)
        #expect(strict.errors == [
            "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/ds-1",
            "cannot delete Pods that declare no controller (use --force to override): default/solo",
            "cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache",
        ])
        let lenient = DrainFilter(ignoreDaemonSets: true, deleteEmptyDirData: true, force: true).sort(pods)
        #expect(lenient.errors.isEmpty)
        #expect(lenient.evict.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["rs-1", "solo", "cache", "done"])
        #expect(lenient.warnings == [
            "ignoring DaemonSet-managed Pods: default/ds-1",
            "deleting Pods that declare no controller: default/solo",
            "deleting Pods with local storage: default/cache",
        ])
    }

    @Test func generatorsShapeObjectsAsUpstream() throws {
        #expect(Generators.containerName(forImage: "registry:5000/team/my_app:1.2@sha256:abc") == "my-app")
        let d = try Generators.deployment(name: "web", images: ["nginx:1.25"], replicas: 2, port: 80, command: [])
        #expect(d[path: ["spec", "selector", "matchLabels"]] == ["app": "web"])
        #expect(d[path: ["spec", "template", "spec", "containers"]] == [["image": "nginx:1.25", "name": "nginx", "ports": [["containerPort": 80]], "resources": [:]]])
        #expect(throws: KubectlError.self) { try Generators.deployment(name: "web", images: ["a", "b"], replicas: 1, port: 80, command: []) }
        let cj = try Generators.cronJob(name: "tick", image: "busybox", schedule: "*/5 * * * *", restartPolicy: nil, command: ["date"])
        #expect(cj[path: ["spec", "jobTemplate", "spec", "template", "spec", "restartPolicy"]] == "OnFailure")
        #expect(cj[path: ["spec", "jobTemplate", "spec", "template", "spec", "containers", "0"]] == nil)
        var run = Generators.RunOptions(name: "solo", image: "busybox")
        run.arguments = ["sleep", "10"]
        run.env = ["A=1"]
        let p = try Generators.pod(run)
        #expect(p[path: ["metadata", "labels"]] == ["run": "solo"])
        #expect(p[path: ["spec", "containers"]] == [["image": "busybox", "name": "solo", "args": ["sleep", "10"], "env": [["name": "A", "value": "1"]], "resources": [:]]])
        var expose = Generators.ExposeOptions()
        expose.targetPort = "8080"
        var deploymentObject = d
        deploymentObject.set(path: ["kind"], to: "Deployment")
        deploymentObject.set(path: ["apiVersion"], to: "apps/v1")
        let svc = try Generators.service(exposing: deploymentObject, expose)
        #expect(svc["spec"] == ["ports": [["port": 80, "protocol": "TCP", "targetPort": 8080]], "selector": ["app": "web"]])
        #expect(throws: KubectlError.self) { try Generators.service(exposing: ["kind": "Job", "apiVersion": "batch/v1"], expose) }
    }
}
