import Foundation
import KubeAPI
import Testing

@testable import KubeSchedulerCore

@Suite("Scheduler cache")
struct CacheTests {
    @Test func assumeConfirmAndForget() throws {
        let cache = SchedulerCache()
        cache.addNode(makeNode("n1", cpu: "2"))
        var snapshot = Snapshot()
        cache.updateSnapshot(&snapshot)
        #expect(snapshot.get("n1")?.requested.milliCPU == 0)

        let pod = info(makePod("p", cpu: "500m")).assigned(to: "n1")
        try cache.assumePod(pod)
        #expect(cache.isAssumed(key: "default/p"))
        cache.updateSnapshot(&snapshot)
        #expect(snapshot.get("n1")?.requested.milliCPU == 500)
        #expect(throws: SchedulerCacheError.self) { try cache.assumePod(pod) }

        // The informer's add confirms it.
        cache.addPod(pod)
        #expect(!cache.isAssumed(key: "default/p"))
        cache.updateSnapshot(&snapshot)
        #expect(snapshot.get("n1")?.pods.count == 1)

        // A failed binding is forgotten.
        let other = info(makePod("q", cpu: "1")).assigned(to: "n1")
        try cache.assumePod(other)
        cache.forgetPod(key: other.key)
        cache.updateSnapshot(&snapshot)
        #expect(snapshot.get("n1")?.requested.milliCPU == 500)
    }

    @Test func assumedPodsExpireAfterTheirTTL() throws {
        let cache = SchedulerCache(assumedPodTTL: .seconds(30))
        cache.addNode(makeNode("n1"))
        let pod = info(makePod("p", cpu: "1")).assigned(to: "n1")
        try cache.assumePod(pod)
        let t0 = Date()
        // Not expired while the binding is still in flight.
        #expect(cache.cleanupExpiredAssumedPods(now: t0.addingTimeInterval(3600)).isEmpty)
        cache.finishBinding(key: pod.key, now: t0)
        #expect(cache.cleanupExpiredAssumedPods(now: t0.addingTimeInterval(29)).isEmpty)
        #expect(cache.cleanupExpiredAssumedPods(now: t0.addingTimeInterval(31)) == ["default/p"])
        #expect(cache.podCount == 0)
    }

    @Test func snapshotUpdatesIncrementallyAndOnNodeSetChanges() {
        let cache = SchedulerCache()
        for i in 0..<5 { cache.addNode(makeNode("n\(i)")) }
        var snapshot = Snapshot()
        cache.updateSnapshot(&snapshot)
        #expect(snapshot.count == 5)
        let before = snapshot.get("n3")!
        cache.addPod(info(makePod("p", cpu: "1", node: "n1")))
        cache.updateSnapshot(&snapshot)
        #expect(snapshot.get("n1")?.requested.milliCPU == 1000)
        #expect(snapshot.get("n3") === before)  // untouched nodes are not copied
        cache.removeNode(named: "n4")
        cache.addNode(makeNode("n5"))
        cache.updateSnapshot(&snapshot)
        #expect(Set(snapshot.nodes.map(\.name)) == ["n0", "n1", "n2", "n3", "n5"])
        // A second consumer sees the same state from scratch.
        var other = Snapshot()
        cache.updateSnapshot(&other)
        #expect(other.get("n1")?.requested.milliCPU == 1000)
        // Pods on a deleted node stay accounted until they go.
        cache.removeNode(named: "n1")
        cache.updateSnapshot(&snapshot)
        #expect(snapshot.get("n1") == nil)
        #expect(cache.podCount == 1)
    }
}
