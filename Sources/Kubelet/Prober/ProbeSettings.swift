import KubeAPI

/// A Probe's timing with upstream's defaults applied (SetDefaults_Probe): period 10 s, timeout 1 s,
/// success threshold 1, failure threshold 3, no initial delay. Non-positive values take the default,
/// as the apiserver would have defaulted them.
struct ProbeSettings: Sendable, Equatable {
    var initialDelaySeconds: Int64
    var period: Duration
    var timeout: Duration
    var successThreshold: Int
    var failureThreshold: Int

    /// periodUnit: the length of one periodSeconds (one second; tests shorten it).
    init(_ probe: Probe, periodUnit: Duration = .seconds(1)) {
        initialDelaySeconds = Int64(max(probe.initialDelaySeconds ?? 0, 0))
        period = periodUnit * Int(Self.positive(probe.periodSeconds, default: 10))
        timeout = .seconds(Self.positive(probe.timeoutSeconds, default: 1))
        successThreshold = Int(Self.positive(probe.successThreshold, default: 1))
        failureThreshold = Int(Self.positive(probe.failureThreshold, default: 3))
    }

    private static func positive(_ value: Int32?, default fallback: Int32) -> Int32 {
        guard let value, value > 0 else { return fallback }
        return value
    }
}
