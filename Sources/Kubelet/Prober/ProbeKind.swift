/// Which of a container's three probes a worker runs.
public enum ProbeKind: Sendable, Hashable, CaseIterable {
    case liveness, readiness, startup

    /// As upstream's probeType.String(): the word that starts event messages ("Liveness probe failed: …").
    public var displayName: String {
        switch self {
        case .liveness: "Liveness"
        case .readiness: "Readiness"
        case .startup: "Startup"
        }
    }
}

/// A cached probe result for one container instance (upstream's results.Result).
public enum ProbeOutcome: Sendable, Equatable {
    case success
    /// The message is the last probe's output ("HTTP probe failed with statuscode: 500").
    case failure(String)
    case unknown

    /// Same result, ignoring the failure message: what "the result changed" means.
    func hasSameResult(as other: ProbeOutcome) -> Bool {
        switch (self, other) {
        case (.success, .success), (.failure, .failure), (.unknown, .unknown): true
        default: false
        }
    }
}
