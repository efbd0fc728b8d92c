import Foundation
import KubeAPI
import Logging
import Synchronization

/// The scheduler: informer events feed the cache and the queue; one loop takes the next pod,
/// runs the algorithm against a fresh snapshot, assumes the pod onto the chosen node and hands
/// the binding to a bounded set of concurrent bind tasks (upstream `pkg/scheduler/schedule_one.go`).
public final class Scheduler: Sendable {
    public struct Configuration: Sendable {
        public var schedulerName = "default-scheduler"
        /// Bindings in flight at once.
        public var parallelBinds = 16
        public var percentageOfNodesToScore: Int?
        public var reportingInstance = ProcessInfo.processInfo.hostName
        public var assumedPodTTL: Duration = .seconds(900)
        public init() {}
    }

    public let configuration: Configuration
    public let cache: SchedulerCache
    public let queue: SchedulingQueue
    public let profile: Profile
    public let api: any SchedulerAPI
    public let events: EventRecorder
    let priorityClasses = Mutex(PriorityClasses())
    let bindSlots: AsyncSemaphore
    let logger: Logger
    let stats = Mutex(Stats())

    public struct Stats: Hashable, Sendable {
        public var scheduled = 0
        public var bound = 0
        public var unschedulable = 0
        public var bindFailures = 0
        public var preemptions = 0
    }

    public var statistics: Stats { stats.withLock { $0 } }

    public init(
        api: any SchedulerAPI, configuration: Configuration = Configuration(), clock: any SchedulerClock = MonotonicClock(),
        logger: Logger = Logger(label: "kubeswift.scheduler")
    ) {
        self.configuration = configuration
        self.api = api
        self.logger = logger
        let profile = Profile.default(schedulerName: configuration.schedulerName)
        self.profile = profile
        cache = SchedulerCache(assumedPodTTL: configuration.assumedPodTTL)
        queue = SchedulingQueue(clock: clock) { event, plugins in profile.mayHelp(event, plugins: plugins) }
        events = EventRecorder(api: api, component: configuration.schedulerName, instance: configuration.reportingInstance)
        bindSlots = AsyncSemaphore(max(1, configuration.parallelBinds))
    }

    /// Whether this scheduler owns the pod (`spec.schedulerName`, defaulted as the apiserver does).
    public func responsible(for pod: Pod) -> Bool {
        (pod.spec.schedulerName ?? "default-scheduler") == configuration.schedulerName
    }

    public func podInfo(_ pod: Pod) -> PodInfo {
        PodInfo(pod, priority: priorityClasses.withLock { $0.priority(of: pod) })
    }

    // MARK: The loop

    /// Schedules until cancelled: the scheduling loop plus the queue flushers, assumed-pod
    /// expiry and the event writer. May be run again after cancellation (a regained lease).
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.queue.runFlushers() }
            group.addTask { await self.events.run() }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    for key in self.cache.cleanupExpiredAssumedPods() {
                        self.logger.warning("assumed pod \(key) expired before its binding was observed")
                    }
                }
            }
            group.addTask { await self.schedulingLoop() }
            await group.next()
            group.cancelAll()
        }
    }

    func schedulingLoop() async {
        let algorithm = SchedulingAlgorithm(profile: profile, percentageOfNodesToScore: configuration.percentageOfNodesToScore)
        let queue = self.queue
        algorithm.nominatedPods = { queue.nominatedPodsByNode() }
        var snapshot = Snapshot()
        while !Task.isCancelled, let qp = await queue.pop() {
            await scheduleOne(qp, algorithm, &snapshot)
        }
    }

    /// One scheduling cycle for one pod (exposed for tests, which drive it step by step).
    public func scheduleOne(_ qp: QueuedPodInfo, _ algorithm: SchedulingAlgorithm, _ snapshot: inout Snapshot) async {
        let pod = qp.pod
        if pod.isTerminating || cache.isAssumed(key: pod.key) {
            queue.done(key: pod.key)
            return
        }
        let cycle = queue.schedulingCycle
        cache.updateSnapshot(&snapshot)
        do throws(SchedulingAlgorithm.Failure) {
            let result = try algorithm.schedule(pod, snapshot)
            let assumed = pod.assigned(to: result.node)
            do {
                try cache.assumePod(assumed)
            } catch {
                handleFailure(qp, cycle: cycle, reason: "SchedulerError", message: "\(error)", plugins: [])
                return
            }
            queue.removeNominated(key: pod.key)
            queue.done(key: pod.key)
            stats.withLock { $0.scheduled += 1 }
            await bindSlots.acquire()
            Task {
                await self.bind(assumed, qp)
                self.bindSlots.release()
            }
        } catch {
            switch error {
            case .noNodes:
                handleFailure(qp, cycle: cycle, reason: "SchedulerError", message: SchedulerError.noNodesAvailable.description, plugins: [])
            case .unfit(var fitError):
                var nominated: String?
                switch DefaultPreemption(profile: profile).preempt(pod, snapshot, fitError, nominatedPods: algorithm.nominatedThisCycle) {
                case .preempt(let candidate):
                    nominated = candidate.node
                    prepare(candidate, for: pod)
                case .notPossible(let message):
                    fitError.postFilterMessage = "preemption: " + message
                }
                stats.withLock { $0.unschedulable += 1 }
                handleFailure(
                    qp, cycle: cycle, reason: "Unschedulable", message: fitError.message, plugins: fitError.unschedulablePlugins,
                    nominatedNode: nominated)
            }
        }
    }

    /// Evicts the victims and records the nomination (upstream `prepareCandidate`).
    func prepare(_ candidate: DefaultPreemption.Candidate, for pod: PodInfo) {
        stats.withLock { $0.preemptions += 1 }
        queue.addNominated(pod, node: candidate.node)
        // Lower-priority pods nominated to the same node lose their nomination.
        let displaced = queue.nominatedPods(on: candidate.node).filter { $0.priority < pod.priority }
        for victim in candidate.victims {
            events.event(victim.pod, type: "Normal", reason: "Preempted", action: "Preempting",
                         message: "Preempted by pod \(pod.uid) on node \(candidate.node)")
        }
        let api = self.api
        let logger = self.logger
        Task {
            for victim in candidate.victims {
                do { try await api.deletePod(namespace: victim.namespace, name: victim.name, uid: victim.uid) }
                catch { logger.warning("preemption: deleting victim \(victim.key): \(error)") }
            }
            for other in displaced {
                self.queue.removeNominated(key: other.key)
                try? await api.patchPodStatus(namespace: other.namespace, name: other.name, condition: nil, nominatedNodeName: "")
            }
        }
    }

    /// Requeues the pod and tells the user why (PodScheduled=False condition, FailedScheduling event).
    func handleFailure(_ qp: QueuedPodInfo, cycle: Int64, reason: String, message: String, plugins: Set<String>, nominatedNode: String? = nil) {
        var failed = qp
        failed.unschedulablePlugins = plugins
        queue.addUnschedulable(failed, podSchedulingCycle: cycle)
        let pod = qp.pod.pod
        events.event(pod, type: "Warning", reason: "FailedScheduling", action: "Scheduling", message: message)
        let current = pod.status.conditions?.first { $0.type == "PodScheduled" }
        let nominationChanges = nominatedNode != nil && nominatedNode != pod.status.nominatedNodeName
        if current?.status == "False" && current?.reason == reason && current?.message == message && !nominationChanges { return }
        let condition = PodCondition(type: "PodScheduled", status: "False", lastProbeTime: nil, lastTransitionTime: Time.now(), reason: reason, message: message)
        let api = self.api
        let logger = self.logger
        let (namespace, name) = (qp.pod.namespace, qp.pod.name)
        Task {
            do { try await api.patchPodStatus(namespace: namespace, name: name, condition: condition, nominatedNodeName: nominatedNode) }
            catch { logger.debug("updating status of \(namespace)/\(name): \(error)") }
        }
    }

    func bind(_ assumed: PodInfo, _ qp: QueuedPodInfo) async {
        do {
            try await api.bind(namespace: assumed.namespace, name: assumed.name, uid: assumed.uid, node: assumed.nodeName)
            cache.finishBinding(key: assumed.key)
            stats.withLock { $0.bound += 1 }
            events.event(assumed.pod, type: "Normal", reason: "Scheduled", action: "Binding",
                         message: "Successfully assigned \(assumed.namespace)/\(assumed.name) to \(assumed.nodeName)")
        } catch {
            stats.withLock { $0.bindFailures += 1 }
            cache.forgetPod(key: assumed.key)
            // The assumed pod's resources are free again.
            queue.moveAllToActiveOrBackoff(.assignedPodDeleted)
            handleFailure(qp, cycle: queue.schedulingCycle, reason: "SchedulerError",
                          message: "running Bind plugin \"DefaultBinder\": \(error)", plugins: [])
        }
    }
}
