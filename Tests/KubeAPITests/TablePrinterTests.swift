import Foundation
import Testing

@testable import KubeAPI

@Suite struct TablePrinterTests {
    let now = RFC3339Date.parse("2024-05-01T12:00:00Z")!

    func ago(_ seconds: Double) -> String { RFC3339Date.format(now.addingTimeInterval(-seconds)) }

    @Test func humanDurationMatchesUpstream() {
        let cases: [(Double, String)] = [
            (-5, "<invalid>"), (-1, "0s"), (0, "0s"), (5, "5s"), (119, "119s"), (120, "2m"), (200, "3m20s"), (599, "9m59s"),
            (600, "10m"), (179 * 60, "179m"), (3 * 3600, "3h"), (5 * 3600 + 30 * 60, "5h30m"), (8 * 3600, "8h"), (47 * 3600, "47h"),
            (48 * 3600, "2d"), (51 * 3600, "2d3h"), (8 * 86400, "8d"), (729 * 86400, "729d"), (730 * 86400, "2y"),
            (760 * 86400, "2y30d"), (9 * 365 * 86400, "9y"),
        ]
        for (seconds, expected) in cases {
            #expect(HumanDuration.string(seconds: seconds) == expected, "\(seconds)s")
        }
    }

    @Test func rfc3339RoundTripAndOffsets() {
        #expect(RFC3339Date.format(RFC3339Date.parse("2024-02-29T23:59:59Z")!) == "2024-02-29T23:59:59Z")
        #expect(RFC3339Date.parse("2024-05-01T14:00:00+02:00") == now)
        #expect(RFC3339Date.parse("2024-05-01T12:00:00.5Z")!.timeIntervalSince(now) == 0.5)
        #expect(RFC3339Date.parse("yesterday") == nil)
    }

    @Test func podColumnsAreUpstreamsWithWidePriorities() {
        let columns = ServerTable.columns(group: "", kind: "Pod")
        #expect(columns.map(\.name) == ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"])
        #expect(columns.map(\.priority) == [0, 0, 0, 0, 0, 1, 1, 1, 1])
        #expect(columns[0].format == "name")
        #expect(columns[0].json["priority"] == .int(0))
    }

    func pod(phase: String = "Running", containers: [JSONValue], statuses: [JSONValue], extra: (inout JSONValue) -> Void = { _ in }) -> JSONValue {
        var pod: JSONValue = [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": "web", "namespace": "default", "creationTimestamp": .string(ago(200))],
            "spec": ["containers": .array(containers), "nodeName": "node1"],
            "status": ["phase": .string(phase), "podIPs": [["ip": "10.244.0.5"]], "containerStatuses": .array(statuses)],
        ]
        extra(&pod)
        return pod
    }

    @Test func runningPodWithRestarts() {
        let p = pod(
            containers: [["name": "a"], ["name": "b"]],
            statuses: [
                ["name": "a", "ready": true, "restartCount": 3, "state": ["running": [:]],
                 "lastState": ["terminated": ["exitCode": 1, "finishedAt": .string(ago(300))]]],
                ["name": "b", "ready": false, "restartCount": 0, "state": ["running": [:]]],
            ])
        let cells = ServerTable.cells(group: "", kind: "Pod", object: p, now: now)
        #expect(cells == ["web", "1/2", "Running", "3 (5m ago)", "3m20s", "10.244.0.5", "node1", "<none>", "<none>"])
    }

    @Test func waitingReasonBecomesStatus() {
        let p = pod(
            phase: "Pending", containers: [["name": "a"]],
            statuses: [["name": "a", "ready": false, "restartCount": 0, "state": ["waiting": ["reason": "ContainerCreating"]]]])
        #expect(ServerTable.cells(group: "", kind: "Pod", object: p, now: now)[2] == "ContainerCreating")
        let crash = pod(
            containers: [["name": "a"]],
            statuses: [["name": "a", "ready": false, "restartCount": 7, "state": ["waiting": ["reason": "CrashLoopBackOff"]]]])
        let cells = ServerTable.cells(group: "", kind: "Pod", object: crash, now: now)
        #expect(cells[2] == "CrashLoopBackOff")
        #expect(cells[3] == "7")
    }

    @Test func completedAndTerminatingAndPending() {
        let done = pod(
            phase: "Succeeded", containers: [["name": "a"]],
            statuses: [["name": "a", "ready": false, "restartCount": 0, "state": ["terminated": ["exitCode": 0, "reason": "Completed"]]]])
        #expect(ServerTable.cells(group: "", kind: "Pod", object: done, now: now)[2] == "Completed")
        let exit = pod(
            phase: "Failed", containers: [["name": "a"]],
            statuses: [["name": "a", "ready": false, "restartCount": 0, "state": ["terminated": ["exitCode": 2]]]])
        #expect(ServerTable.cells(group: "", kind: "Pod", object: exit, now: now)[2] == "ExitCode:2")
        let deleting = pod(containers: [["name": "a"]], statuses: []) { $0.set(path: ["metadata", "deletionTimestamp"], to: .string(self.ago(1))) }
        #expect(ServerTable.cells(group: "", kind: "Pod", object: deleting, now: now)[2] == "Terminating")
        let pending = pod(phase: "Pending", containers: [["name": "a"]], statuses: [])
        let cells = ServerTable.cells(group: "", kind: "Pod", object: pending, now: now)
        #expect(cells[1] == "0/1")
        #expect(cells[2] == "Pending")
    }

    @Test func initContainerProgress() {
        let p = pod(phase: "Pending", containers: [["name": "app"]], statuses: []) { pod in
            pod.set(path: ["spec", "initContainers"], to: [["name": "i1"], ["name": "i2"]])
            pod.set(
                path: ["status", "initContainerStatuses"],
                to: [
                    ["name": "i1", "restartCount": 0, "state": ["terminated": ["exitCode": 0]]],
                    ["name": "i2", "restartCount": 0, "state": ["running": [:]]],
                ])
        }
        #expect(ServerTable.cells(group: "", kind: "Pod", object: p, now: now)[2] == "Init:1/2")
        let failing = pod(phase: "Pending", containers: [["name": "app"]], statuses: []) { pod in
            pod.set(path: ["spec", "initContainers"], to: [["name": "i1"]])
            pod.set(path: ["status", "initContainerStatuses"], to: [["name": "i1", "restartCount": 2, "state": ["waiting": ["reason": "CrashLoopBackOff"]]]])
        }
        let cells = ServerTable.cells(group: "", kind: "Pod", object: failing, now: now)
        #expect(cells[2] == "Init:CrashLoopBackOff")
        #expect(cells[3] == "2")
    }

    @Test func serviceCells() {
        let svc: JSONValue = [
            "metadata": ["name": "web", "creationTimestamp": .string(ago(90))],
            "spec": [
                "type": "NodePort", "clusterIPs": ["10.96.0.12"], "selector": ["tier": "front", "app": "web"],
                "ports": [["port": 80, "protocol": "TCP", "nodePort": 30080], ["port": 53, "protocol": "UDP"]],
            ],
        ]
        #expect(
            ServerTable.cells(group: "", kind: "Service", object: svc, now: now)
                == ["web", "NodePort", "10.96.0.12", "<none>", "80:30080/TCP,53/UDP", "90s", "app=web,tier=front"])
        let lb: JSONValue = ["metadata": ["name": "lb"], "spec": ["type": "LoadBalancer", "clusterIP": "10.96.0.2"]]
        #expect(ServerTable.cells(group: "", kind: "Service", object: lb, now: now)[3] == "<pending>")
        #expect(ServerTable.cells(group: "", kind: "Service", object: lb, now: now)[5] == "<unknown>")
    }

    @Test func deploymentAndReplicaSetCells() {
        let d: JSONValue = [
            "metadata": ["name": "web", "creationTimestamp": .string(ago(3 * 86400))],
            "spec": [
                "replicas": 3, "selector": ["matchLabels": ["app": "web"]],
                "template": ["spec": ["containers": [["name": "nginx", "image": "nginx:1.25"], ["name": "side", "image": "busybox"]]]],
            ],
            "status": ["readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2],
        ]
        #expect(
            ServerTable.cells(group: "apps", kind: "Deployment", object: d, now: now)
                == ["web", "2/3", 3, 2, "3d", "nginx,side", "nginx:1.25,busybox", "app=web"])
        let rs: JSONValue = [
            "metadata": ["name": "web-1"], "spec": ["replicas": 2, "selector": ["matchExpressions": [["key": "env", "operator": "In", "values": ["b", "a"]]]]],
        ]
        let cells = ServerTable.cells(group: "apps", kind: "ReplicaSet", object: rs, now: now)
        #expect(cells[1] == 2)
        #expect(cells[2] == 0)
        #expect(cells[4] == "<unknown>")
        #expect(cells[7] == "env in (a,b)")
    }

    @Test func jobAndNodeAndEventCells() {
        let job: JSONValue = [
            "metadata": ["name": "pi"], "spec": ["completions": 1],
            "status": [
                "succeeded": 1, "startTime": .string(ago(100)), "completionTime": .string(ago(40)),
                "conditions": [["type": "Complete", "status": "True"]],
            ],
        ]
        let jobCells = ServerTable.cells(group: "batch", kind: "Job", object: job, now: now)
        #expect(Array(jobCells[0...3]) == ["pi", "Complete", "1/1", "60s"])
        let node: JSONValue = [
            "metadata": ["name": "n1", "labels": ["node-role.kubernetes.io/control-plane": ""]],
            "spec": ["unschedulable": true],
            "status": ["conditions": [["type": "Ready", "status": "False"]], "nodeInfo": ["kubeletVersion": "v1.32.0"]],
        ]
        let nodeCells = ServerTable.cells(group: "", kind: "Node", object: node, now: now)
        #expect(Array(nodeCells[0...4]) == ["n1", "NotReady,SchedulingDisabled", "control-plane", "<unknown>", "v1.32.0"])
        #expect(Array(nodeCells[5...]) == ["<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"])
        let event: JSONValue = [
            "metadata": ["name": "web.1"], "involvedObject": ["kind": "Pod", "name": "web"], "type": "Normal", "reason": "Scheduled",
            "message": "assigned \n", "firstTimestamp": .string(ago(30)), "lastTimestamp": .string(ago(10)), "count": 2,
            "source": ["component": "default-scheduler"],
        ]
        #expect(
            ServerTable.cells(group: "", kind: "Event", object: event, now: now)
                == ["10s", "Normal", "Scheduled", "pod/web", "", "default-scheduler", "assigned", "30s", 2, "web.1"])
    }

    @Test func endpointsFormatting() {
        let ep: JSONValue = [
            "metadata": ["name": "web"],
            "subsets": [["addresses": [["ip": "10.0.0.1"], ["ip": "10.0.0.2"], ["ip": "fd00::3"], ["ip": "10.0.0.4"]], "ports": [["port": 80]]]],
        ]
        #expect(ServerTable.cells(group: "", kind: "Endpoints", object: ep, now: now)[1] == "10.0.0.1:80,10.0.0.2:80,[fd00::3]:80 + 1 more...")
        #expect(ServerTable.cells(group: "", kind: "Endpoints", object: ["metadata": ["name": "x"]], now: now)[1] == "<none>")
        let slice: JSONValue = ["metadata": ["name": "s"], "addressType": "IPv4", "ports": [["port": 80]], "endpoints": []]
        #expect(ServerTable.cells(group: "discovery.k8s.io", kind: "EndpointSlice", object: slice, now: now)[1...3] == ["IPv4", "80", "<unset>"])
    }

    @Test func unknownKindsGetNameAndAge() {
        #expect(ServerTable.columns(group: "example.com", kind: "Widget").map(\.name) == ["Name", "Age"])
        let cells = ServerTable.cells(group: "example.com", kind: "Widget", object: ["metadata": ["name": "w", "creationTimestamp": .string(ago(5))]], now: now)
        #expect(cells == ["w", "5s"])
    }

    @Test func tableHasPartialObjectMetadataAndCompletedCondition() {
        let p = pod(phase: "Succeeded", containers: [["name": "a"]], statuses: [])
        let table = ServerTable.table(group: "", kind: "Pod", objects: [p], now: now)
        #expect(table["kind"] == "Table")
        #expect(table["apiVersion"] == "meta.k8s.io/v1")
        #expect(table[path: ["rows"]]?.arrayValue?.first?[path: ["object", "kind"]] == "PartialObjectMetadata")
        #expect(table[path: ["rows"]]?.arrayValue?.first?["conditions"]?.arrayValue?.first?["reason"] == "Succeeded")
        #expect(table["columnDefinitions"]?.arrayValue?.count == 9)
    }
}
