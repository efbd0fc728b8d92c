import Foundation
import KubeAPI
import KubeSchedulerCore

/// `algorithm`: the whole scheduler (queue, cache, snapshot, plugins, assume, bind tasks, events)
/// with an in-memory API whose bind immediately delivers the informer's "pod bound" update.
/// No apiserver, no HTTP, no informers: an upper bound for the end-to-end figure.
struct InMemoryAPI: SchedulerAPI {
    let onBind: @Sendable (String, String, String) -> Void
    func bind(namespace: String, name: String, uid: String, node: String) async throws { onBind(namespace, name, node) }
    func patchPodStatus(namespace: String, name: String, condition: PodCondition?, nominatedNodeName: String?) async throws {}
    func deletePod(namespace: String, name: String, uid: String) async throws {}
    func createEvent(_ event: Event) async throws {}
}

func node(_ i: Int) -> Node {
    let alloc: [String: Quantity] = ["cpu": "4", "memory": "32Gi", "pods": "110"]
    return Node(
        metadata: ObjectMeta(name: "node-\(i)", labels: ["kubernetes.io/hostname": "node-\(i)"]),
        status: NodeStatus(capacity: alloc, allocatable: alloc))
}

func pod(_ name: String) -> Pod {
    Pod(
        metadata: ObjectMeta(name: name, namespace: "default", uid: name),
        spec: PodSpec(
            containers: [Container(name: "pause", image: "registry.k8s.io/pause:3.10",
                                   resources: ResourceRequirements(requests: ["cpu": "100m", "memory": "500Mi"]))],
            schedulerName: "default-scheduler", priority: 0))
}

final class Box<T>: @unchecked Sendable {
    var value: T
    init(_ v: T) { value = v }
}

func runAlgorithm(nodes: Int, initPods: Int, measurePods: Int) async {
    let schedulerBox = Box<Scheduler?>(nil)
    let pending = Box<[String: Pod]>([:])
    let lock = NSLock()
    let api = InMemoryAPI { namespace, name, nodeName in
        let old = lock.withLock { pending.value.removeValue(forKey: name) }
        guard let old, let s = schedulerBox.value else { return }
        var bound = old
        bound.spec.nodeName = nodeName
        s.onPodUpdate(old: old, new: bound)
    }
    var config = Scheduler.Configuration()
    config.parallelBinds = 16
    let scheduler = Scheduler(api: api, configuration: config)
    schedulerBox.value = scheduler
    for i in 0..<nodes { scheduler.onNodeAdd(node(i)) }
    let task = Task { await scheduler.run() }

    func createAndWait(_ prefix: String, _ count: Int, target: Int) async -> Double {
        let start = ContinuousClock.now
        for i in 0..<count {
            let p = pod("\(prefix)-\(i)")
            lock.withLock { pending.value[p.metadata.name!] = p }
            scheduler.onPodAdd(p)
        }
        while scheduler.statistics.bound < target { try? await Task.sleep(for: .milliseconds(2)) }
        return (ContinuousClock.now - start).seconds
    }

    _ = await createAndWait("init", initPods, target: initPods)
    let seconds = await createAndWait("measured", measurePods, target: initPods + measurePods)
    task.cancel()
    await task.value
    let s = scheduler.statistics
    print(
        "mode=algorithm nodes=\(nodes) init=\(initPods) pods=\(measurePods) seconds=\(fixed(seconds, 2))",
        "pods_per_s=\(fixed(Double(measurePods) / seconds, 0))",
        "scheduled=\(s.scheduled) bound=\(s.bound) unschedulable=\(s.unschedulable)")
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
