import KubeAPI
import Logging
import Synchronization

/// What the manager and its workers share: the latest view of each pod, the results of the three
/// probe kinds keyed by container ID (upstream's three results managers), the prober and the
/// kubelet's callbacks.
final class ProbeContext: Sendable {
    /// The pod as of the kubelet's last sync (upstream's workers read the status manager instead).
    struct PodView: Sendable {
        var pod: Pod
        var statuses: [String: ContainerStatus]
        var podIP: String?
    }

    let prober: Prober
    let logger: Logger
    let periodUnit: Duration
    let onResultChange: @Sendable (_ podUID: String) -> Void
    let onLivenessFailure: @Sendable (_ podUID: String, _ containerName: String, _ message: String) -> Void

    private let pods = Mutex<[String: PodView]>([:])
    private let results = Mutex<[ProbeKind: [String: ProbeOutcome]]>([:])

    init(prober: Prober, logger: Logger, periodUnit: Duration,
         onResultChange: @escaping @Sendable (_ podUID: String) -> Void,
         onLivenessFailure: @escaping @Sendable (_ podUID: String, _ containerName: String, _ message: String) -> Void) {
        self.prober = prober
        self.logger = logger
        self.periodUnit = periodUnit
        self.onResultChange = onResultChange
        self.onLivenessFailure = onLivenessFailure
    }

    func view(of podUID: String) -> PodView? {
        pods.withLock { $0[podUID] }
    }

    func setView(_ view: PodView, for podUID: String) {
        pods.withLock { $0[podUID] = view }
    }

    func removeView(of podUID: String) {
        _ = pods.withLock { $0.removeValue(forKey: podUID) }
    }

    func result(_ kind: ProbeKind, containerID: String) -> ProbeOutcome? {
        results.withLock { $0[kind]?[containerID] }
    }

    /// Returns whether the result changed (upstream's results manager sends an update only then).
    @discardableResult
    func setResult(_ kind: ProbeKind, containerID: String, _ outcome: ProbeOutcome) -> Bool {
        results.withLock { results in
            let previous = results[kind]?[containerID]
            results[kind, default: [:]][containerID] = outcome
            guard let previous else { return true }
            return !previous.hasSameResult(as: outcome)
        }
    }

    func removeResult(_ kind: ProbeKind, containerID: String) {
        _ = results.withLock { $0[kind]?.removeValue(forKey: containerID) }
    }
}
