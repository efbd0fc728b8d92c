import Foundation

extension ServerTable {
    static let podColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Ready", description: "The aggregate readiness state of this pod for accepting traffic."),
        ServerTableColumn(name: "Status", description: "The aggregate status of the containers in this pod."),
        ServerTableColumn(
            name: "Restarts",
            description: "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        .ageColumn,
        .wide("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
        .wide("Node", "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName."),
        .wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods."),
        .wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness."),
    ]

    /// NAME READY STATUS RESTARTS AGE | IP NODE NOMINATED-NODE READINESS-GATES, with STATUS and RESTARTS
    /// computed as upstream's `printPod` does (init progress, waiting/terminated reasons, Terminating).
    static func podCells(_ pod: ObjectView) -> [JSONValue] {
        var restarts: Int64 = 0
        var restartableInitRestarts: Int64 = 0
        var totalContainers = pod.array("spec", "containers").count
        var readyContainers = 0
        var lastRestart: Date?
        var lastRestartableInitRestart: Date?

        let phase = pod.string("status", "phase")
        var reason = phase
        if !pod.string("status", "reason").isEmpty { reason = pod.string("status", "reason") }
        let conditions = pod.array("status", "conditions")
        for condition in conditions
        where condition["type"]?.stringValue == "PodScheduled" && condition["reason"]?.stringValue == "SchedulingGated" {
            reason = "SchedulingGated"
        }

        let initContainers = pod.array("spec", "initContainers")
        var restartableInit: Set<String> = []
        for container in initContainers where container["restartPolicy"]?.stringValue == "Always" {
            restartableInit.insert(container["name"]?.stringValue ?? "")
            totalContainers += 1
        }

        func later(_ a: Date?, _ b: Date?) -> Date? {
            guard let b else { return a }
            guard let a else { return b }
            return a < b ? b : a
        }
        func finishedAt(_ status: JSONValue) -> Date? {
            status[path: ["lastState", "terminated", "finishedAt"]]?.stringValue.flatMap(RFC3339Date.parse)
        }

        var initializing = false
        let initStatuses = pod.array("status", "initContainerStatuses")
        for (i, container) in initStatuses.enumerated() {
            restarts += container["restartCount"]?.intValue ?? 0
            lastRestart = later(lastRestart, finishedAt(container))
            let isRestartable = restartableInit.contains(container["name"]?.stringValue ?? "")
            if isRestartable {
                restartableInitRestarts += container["restartCount"]?.intValue ?? 0
                lastRestartableInitRestart = later(lastRestartableInitRestart, finishedAt(container))
            }
            let terminated = container[path: ["state", "terminated"]]
            let waiting = container[path: ["state", "waiting"]]
            if let terminated, terminated["exitCode"]?.intValue ?? 0 == 0 {
                continue
            }
            if isRestartable, container["started"]?.boolValue == true {
                if container["ready"]?.boolValue == true { readyContainers += 1 }
                continue
            }
            if let terminated {
                let r = terminated["reason"]?.stringValue ?? ""
                if r.isEmpty {
                    let signal = terminated["signal"]?.intValue ?? 0
                    reason = signal != 0 ? "Init:Signal:\(signal)" : "Init:ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
                } else {
                    reason = "Init:" + r
                }
            } else if let w = waiting?["reason"]?.stringValue, !w.isEmpty, w != "PodInitializing" {
                reason = "Init:" + w
            } else {
                reason = "Init:\(i)/\(initContainers.count)"
            }
            initializing = true
            break
        }

        let initializedTrue = conditions.first { $0["type"]?.stringValue == "Initialized" }?["status"]?.stringValue == "True"
        if !initializing || initializedTrue {
            restarts = restartableInitRestarts
            lastRestart = lastRestartableInitRestart
            var hasRunning = false
            for container in pod.array("status", "containerStatuses").reversed() {
                restarts += container["restartCount"]?.intValue ?? 0
                lastRestart = later(lastRestart, finishedAt(container))
                let waiting = container[path: ["state", "waiting"]]
                let terminated = container[path: ["state", "terminated"]]
                if let w = waiting?["reason"]?.stringValue, !w.isEmpty {
                    reason = w
                } else if let terminated, let r = terminated["reason"]?.stringValue, !r.isEmpty {
                    reason = r
                } else if let terminated {
                    let signal = terminated["signal"]?.intValue ?? 0
                    reason = signal != 0 ? "Signal:\(signal)" : "ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
                } else if container["ready"]?.boolValue == true, container[path: ["state", "running"]] != nil {
                    hasRunning = true
                    readyContainers += 1
                }
            }
            if reason == "Completed", hasRunning {
                let ready = conditions.contains { $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True" }
                reason = ready ? "Running" : "NotReady"
            }
        }

        let deleting = pod.value("metadata", "deletionTimestamp").map { !$0.isNull } ?? false
        if deleting, pod.string("status", "reason") == "NodeLost" {
            reason = "Unknown"
        } else if deleting, phase != "Succeeded", phase != "Failed" {
            reason = "Terminating"
        }

        var restartsText = String(restarts)
        if restarts != 0, let lastRestart {
            restartsText = "\(restarts) (\(HumanDuration.string(seconds: pod.now.timeIntervalSince(lastRestart))) ago)"
        }

        var podIP = pod.array("status", "podIPs").first?["ip"]?.stringValue ?? ""
        if podIP.isEmpty { podIP = pod.string("status", "podIP") }
        let nodeName = pod.string("spec", "nodeName")
        let nominated = pod.string("status", "nominatedNodeName")
        var readinessGates = "<none>"
        let gates = pod.array("spec", "readinessGates")
        if !gates.isEmpty {
            var trueConditions = 0
            for gate in gates {
                let type = gate["conditionType"]?.stringValue
                if let condition = conditions.first(where: { $0["type"]?.stringValue == type }),
                    condition["status"]?.stringValue == "True"
                {
                    trueConditions += 1
                }
            }
            readinessGates = "\(trueConditions)/\(gates.count)"
        }
        return [
            pod.name, .string("\(readyContainers)/\(totalContainers)"), .string(reason), .string(restartsText), pod.age,
            .string(podIP.isEmpty ? "<none>" : podIP), .string(nodeName.isEmpty ? "<none>" : nodeName),
            .string(nominated.isEmpty ? "<none>" : nominated), .string(readinessGates),
        ]
    }
}
