import KubeAPI

@testable import KubeSchedulerCore

/// Plain-value nodes and pods, as upstream's `st.MakeNode()` / `st.MakePod()` wrappers.
func makeNode(
    _ name: String, cpu: String = "4", memory: String = "32Gi", pods: Int = 110, ephemeral: String? = nil,
    labels: [String: String] = [:], taints: [Taint] = [], unschedulable: Bool = false, images: [ContainerImage] = []
) -> Node {
    var allocatable: [String: Quantity] = ["cpu": try! Quantity(cpu), "memory": try! Quantity(memory), "pods": try! Quantity(String(pods))]
    if let ephemeral { allocatable["ephemeral-storage"] = try! Quantity(ephemeral) }
    var l = labels
    l["kubernetes.io/hostname"] = l["kubernetes.io/hostname"] ?? name
    return Node(
        metadata: ObjectMeta(name: name, labels: l),
        spec: NodeSpec(unschedulable: unschedulable ? true : nil, taints: taints.isEmpty ? nil : taints),
        status: NodeStatus(capacity: allocatable, allocatable: allocatable, images: images.isEmpty ? nil : images))
}

func container(_ name: String = "c", cpu: String? = nil, memory: String? = nil, ephemeral: String? = nil, image: String = "busybox", hostPort: Int32? = nil, restartPolicy: String? = nil) -> Container {
    var requests: [String: Quantity] = [:]
    if let cpu { requests["cpu"] = try! Quantity(cpu) }
    if let memory { requests["memory"] = try! Quantity(memory) }
    if let ephemeral { requests["ephemeral-storage"] = try! Quantity(ephemeral) }
    return Container(
        name: name, image: image,
        ports: hostPort.map { [ContainerPort(hostPort: $0, containerPort: 80)] },
        resources: ResourceRequirements(requests: requests.isEmpty ? nil : requests),
        restartPolicy: restartPolicy)
}

func makePod(
    _ name: String, namespace: String = "default", cpu: String? = nil, memory: String? = nil, node: String? = nil,
    labels: [String: String] = [:], priority: Int32? = nil, containers: [Container]? = nil, initContainers: [Container]? = nil,
    affinity: Affinity? = nil, tolerations: [Toleration]? = nil, nodeSelector: [String: String]? = nil,
    spread: [TopologySpreadConstraint]? = nil, overhead: [String: Quantity]? = nil, startTime: Int64? = nil,
    preemptionPolicy: String? = nil, schedulerName: String? = nil
) -> Pod {
    Pod(
        metadata: ObjectMeta(name: name, namespace: namespace, uid: "uid-\(name)", labels: labels.isEmpty ? nil : labels),
        spec: PodSpec(
            initContainers: initContainers,
            containers: containers ?? [container(cpu: cpu, memory: memory)],
            nodeSelector: nodeSelector, nodeName: node, affinity: affinity, schedulerName: schedulerName,
            tolerations: tolerations, priority: priority,
            preemptionPolicy: preemptionPolicy, overhead: overhead, topologySpreadConstraints: spread),
        status: PodStatus(startTime: startTime.map { Time(secondsSince1970: $0) }))
}

func info(_ pod: Pod) -> PodInfo { PodInfo(pod) }

/// NodeInfos with the given pods placed on the nodes their nodeName names.
func nodeInfos(_ nodes: [Node], pods: [Pod] = []) -> [NodeInfo] {
    nodes.map { n in NodeInfo(node: n, pods: pods.filter { $0.spec.nodeName == n.metadata.name }.map { PodInfo($0) }) }
}

/// Runs one plugin's PreScore/Score/NormalizeScore as the framework does.
func scores(_ plugin: any ScorePlugin, _ pod: Pod, _ infos: [NodeInfo], snapshot: Snapshot? = nil) -> [String: Int64] {
    let state = CycleState()
    let p = PodInfo(pod)
    let snap = snapshot ?? Snapshot(nodes: infos)
    if plugin.preScore(state, p, infos, snap).code == .skip { return Dictionary(uniqueKeysWithValues: infos.map { ($0.name, 0) }) }
    var s = infos.map { NodeScore(name: $0.name, score: plugin.score(state, p, $0)) }
    plugin.normalize(state, p, &s)
    return Dictionary(uniqueKeysWithValues: s.map { ($0.name, $0.score) })
}

/// Runs preFilter (if any) and filter for each node.
func filter(_ plugin: any FilterPlugin, _ pod: Pod, _ infos: [NodeInfo]) -> [String: PluginStatus] {
    let state = CycleState()
    let p = PodInfo(pod)
    if let pre = plugin as? any PreFilterPlugin { _ = pre.preFilter(state, p, Snapshot(nodes: infos)) }
    return Dictionary(uniqueKeysWithValues: infos.map { ($0.name, plugin.filter(state, p, $0)) })
}

final class FakeClock: SchedulerClock, @unchecked Sendable {
    private let lock = NSLockShim()
    private var t: Double = 1000
    func now() -> Double { lock.withLock { t } }
    func advance(_ d: Double) { lock.withLock { t += d } }
}
