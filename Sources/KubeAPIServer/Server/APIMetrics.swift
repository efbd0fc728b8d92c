import Prometheus

/// Prometheus metrics named as upstream's apiserver exports them.
final class APIMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    func record(verb: String, resource: String, subresource: String, code: Int, duration: Duration) {
        let labels = [("verb", verb), ("resource", resource), ("subresource", subresource), ("code", String(code))]
        registry.makeCounter(name: "apiserver_request_total", labels: labels).increment()
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        registry.makeDurationHistogram(
            name: "apiserver_request_duration_seconds",
            labels: [("verb", verb), ("resource", resource), ("subresource", subresource)],
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)]
        ).recordNanoseconds(Int64(seconds * 1e9))
    }

    func watchStarted(resource: String) {
        registry.makeGauge(name: "apiserver_registered_watchers", labels: [("resource", resource)]).increment()
    }

    func watchEnded(resource: String) {
        registry.makeGauge(name: "apiserver_registered_watchers", labels: [("resource", resource)]).decrement()
    }

    func storeLatency(operation: String, seconds: Double) {
        registry.makeDurationHistogram(
            name: "etcd_request_duration_seconds", labels: [("operation", operation)],
            buckets: [.microseconds(100), .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .seconds(1)]
        ).recordNanoseconds(Int64(seconds * 1e9))
    }

    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
