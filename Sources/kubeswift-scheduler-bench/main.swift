// Scheduler throughput in the shape of upstream scheduler_perf "SchedulingBasic":
// NODES nodes (4 cpu, 32Gi, 110 pods), 1000 initial pods, then PODS measured pods
// (100m cpu, 500Mi each); reports pods scheduled-and-bound per second for the measured pods.
//
//   kubeswift-scheduler-bench algorithm NODES PODS
//
// `algorithm`: the whole scheduler (queue, cache, snapshot, plugins, assume, bind tasks,
// events) with an in-memory API whose bind immediately delivers the informer's "pod bound"
// update. No apiserver, no HTTP, no informers: an upper bound for the end-to-end figure.
import Foundation
import KubeAPI
import KubeSchedulerCore

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
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    _ = await createAndWait("init", initPods, target: initPods)
    let seconds = await createAndWait("measured", measurePods, target: initPods + measurePods)
    task.cancel()
    await task.value
    let s = scheduler.statistics
    print(String(format: "algorithm  nodes=%d init=%d measured=%d  %.2f s  %.0f pods/s  (scheduled %d, bound %d, unschedulable %d)",
                 nodes, initPods, measurePods, seconds, Double(measurePods) / seconds, s.scheduled, s.bound, s.unschedulable))
}

let args = CommandLine.arguments
guard args.count >= 4, let nodes = Int(args[2]), let pods = Int(args[3]) else {
    FileHandle.standardError.write(Data("usage: kubeswift-scheduler-bench algorithm NODES PODS\n".utf8))
    exit(2)
}
switch args[1] {
case "algorithm": await runAlgorithm(nodes: nodes, initPods: 1000, measurePods: pods)
default:
    FileHandle.standardError.write(Data("unknown mode \(args[1])\n".utf8))
    exit(2)
}
