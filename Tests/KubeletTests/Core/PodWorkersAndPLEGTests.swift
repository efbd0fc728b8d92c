import Foundation
import KubeAPI
import Logging
import Synchronization
import Testing
@testable import Kubelet

@Suite("Pod workers (syncing → terminating → terminated) and the relisting PLEG")
struct PodWorkersAndPLEGTests {
    /// Records the steps the workers run; a pod becomes terminal after `terminalAfter` syncs.
    final class RecordingSyncer: PodSyncer {
        let steps = Mutex<[String]>([])
        let terminalAfter: Int

        init(terminalAfter: Int = .max) { self.terminalAfter = terminalAfter }

        func syncPod(_ pod: Pod) async -> PodSyncOutcome {
            let count = steps.withLock { steps -> Int in
                steps.append("sync")
                return steps.filter { $0 == "sync" }.count
            }
            return count >= terminalAfter ? .terminal : .requeue(after: nil)
        }

        func syncTerminatingPod(_ pod: Pod, gracePeriodOverride: Int64?) async -> Bool {
            steps.withLock { $0.append("terminating") }
            return true
        }

        func syncTerminatedPod(_ pod: Pod, deletedFromAPI: Bool) async -> Bool {
            steps.withLock { $0.append(deletedFromAPI ? "removed" : "terminated") }
            return true
        }

        var recorded: [String] { steps.withLock { $0 } }
    }

    func eventually(_ condition: () -> Bool) async {
        for _ in 0..<200 where !condition() { try? await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func deletionTerminatesThenRemoves() async {
        let syncer = RecordingSyncer()
        let workers = PodWorkers(syncer: syncer)
        var pod = Fixtures.pod()
        workers.update(pod)
        await eventually { syncer.recorded.contains("sync") }
        #expect(workers.phase(uid: "uid-web") == .syncing)

        pod.metadata.deletionTimestamp = Time(secondsSince1970: 1)
        workers.update(pod)
        await eventually { syncer.recorded.contains("terminated") }
        #expect(workers.phase(uid: "uid-web") == .terminated)
        #expect(workers.activePods().isEmpty)

        workers.deleted(pod)
        await eventually { workers.phase(uid: "uid-web") == nil }
        #expect(workers.phase(uid: "uid-web") == nil)
        let steps = syncer.recorded
        #expect(Array(steps.drop { $0 == "sync" }) == ["terminating", "terminated", "removed"])
        workers.stopAll()
    }

    @Test func terminalPodStopsSyncingButStaysUntilDeleted() async {
        let syncer = RecordingSyncer(terminalAfter: 1)
        let workers = PodWorkers(syncer: syncer)
        let pod = Fixtures.pod(restartPolicy: "Never")
        workers.update(pod)
        await eventually { syncer.recorded.contains("terminated") }
        #expect(syncer.recorded == ["sync", "terminating", "terminated"])
        // More signals do not sync a terminated pod again.
        workers.signal(uid: "uid-web")
        workers.update(pod)
        try? await Task.sleep(for: .milliseconds(100))
        #expect(syncer.recorded == ["sync", "terminating", "terminated"])
        workers.stopAll()
    }

    @Test func plegReportsPodsWhoseContainersChanged() async {
        let snapshots = Mutex<[[String: PodRuntimeFingerprint]]>([
            ["a": PodRuntimeFingerprint(uid: "a", name: "a", namespace: "ns", states: ["s1": "ready", "c1": "containerRunning"])],
            ["a": PodRuntimeFingerprint(uid: "a", name: "a", namespace: "ns", states: ["s1": "ready", "c1": "containerRunning"]),
             "b": PodRuntimeFingerprint(uid: "b", name: "b", namespace: "ns", states: ["s2": "ready"])],
            ["a": PodRuntimeFingerprint(uid: "a", name: "a", namespace: "ns", states: ["s1": "ready", "c1": "containerExited"]),
             "b": PodRuntimeFingerprint(uid: "b", name: "b", namespace: "ns", states: ["s2": "ready"])],
            [:],
        ])
        let pleg = GenericPLEG(relist: { snapshots.withLock { $0.removeFirst() } }, logger: Logger(label: "test"), onChange: { _ in })
        #expect(!pleg.hasRelisted)
        #expect(await pleg.relistOnce() == ["a"])
        #expect(await pleg.relistOnce() == ["b"])
        #expect(await pleg.relistOnce() == ["a"])
        #expect(await pleg.relistOnce() == ["a", "b"])
        #expect(pleg.hasRelisted)
        #expect(pleg.healthy())
    }
}
