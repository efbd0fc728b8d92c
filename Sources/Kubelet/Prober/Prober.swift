import KubeAPI

/// Runs one probe of one container (upstream's prober.probe): dispatches on the handler, retries a
/// probe that could not run at all up to 3 times, and records the events a user reads in
/// `kubectl describe pod` — Unhealthy ("Readiness probe failed: HTTP probe failed with statuscode: 500",
/// "Liveness probe errored: …") and ProbeWarning ("Readiness probe warning: Probe terminated redirects, …").
struct Prober: Sendable {
    static let maxRetries = 3

    let runner: any ContainerCommandRunner
    let events: any KubeletEventRecorder

    /// Success or failure (with the probe's output); throws when the probe errored, whose result
    /// the worker throws away as upstream does.
    func probe(_ kind: ProbeKind, spec: Probe, pod: Pod, container: Container, containerID: String,
               podIP: String?, fieldPath: String) async throws(ProbeError) -> ProbeOutcome {
        var lastError = ProbeError(description: "probe did not run")
        for _ in 0..<Self.maxRetries {
            let output: ProbeRunOutput
            do throws(ProbeError) {
                output = try await run(spec, pod: pod, container: container, containerID: containerID, podIP: podIP)
            } catch {
                lastError = error
                continue
            }
            switch output {
            case .success:
                return .success
            case .warning(let message):
                events.warning(pod, "ProbeWarning", "\(kind.displayName) probe warning: \(message)", fieldPath: fieldPath)
                return .success
            case .failure(let message):
                events.warning(pod, "Unhealthy", "\(kind.displayName) probe failed: \(message)", fieldPath: fieldPath)
                return .failure(message)
            }
        }
        events.warning(pod, "Unhealthy", "\(kind.displayName) probe errored: \(lastError)", fieldPath: fieldPath)
        throw lastError
    }

    /// One attempt (upstream's runProbe).
    func run(_ spec: Probe, pod: Pod, container: Container, containerID: String,
             podIP: String?) async throws(ProbeError) -> ProbeRunOutput {
        let timeout = ProbeSettings(spec).timeout
        if let exec = spec.exec {
            let command = CommandExpansion.expandStatic(exec.command ?? [], env: container.env)
            return try await ExecProbe.probe(runner: runner, containerID: containerID, command: command, timeout: timeout)
        }
        if let httpGet = spec.httpGet {
            let request = try HTTPGetRequest(httpGet, container: container, podIP: podIP, purpose: "probe")
            switch await HTTPGetClient.get(request, timeout: timeout) {
            case .error(let message):
                return .failure(message)
            case .response(let status, let body) where (200..<300).contains(status):
                return .success(body)
            case .response(let status, let body) where (300..<400).contains(status):
                return .warning("Probe terminated redirects, Response body: \(body)")
            case .response(let status, _):
                // Upstream keeps the body out of the failure message (it may hold secrets).
                return .failure("HTTP probe failed with statuscode: \(status)")
            }
        }
        if let tcpSocket = spec.tcpSocket {
            guard let host = tcpSocket.host.flatMap({ $0.isEmpty ? nil : $0 }) ?? podIP.flatMap({ $0.isEmpty ? nil : $0 }) else {
                throw ProbeError(description: "no host to probe: the pod has no IP yet and tcpSocket.host is empty")
            }
            let port = try ContainerPortResolver.resolve(tcpSocket.port, in: container)
            return await TCPSocketProbe.probe(host: host, port: port, timeout: timeout)
        }
        if let grpc = spec.grpc {
            // Upstream probes the pod IP only: there is no host field.
            guard let host = podIP.flatMap({ $0.isEmpty ? nil : $0 }) else {
                throw ProbeError(description: "no host to probe: the pod has no IP yet")
            }
            let timeoutSeconds = Int(timeout.components.seconds)
            return await GRPCHealthProbe.probe(host: host, port: Int(grpc.port), service: grpc.service ?? "",
                                               timeoutSeconds: timeoutSeconds)
        }
        throw ProbeError(description: "missing probe handler for \(PodDescription.of(pod)):\(container.name)")
    }
}

/// upstream's format.Pod: `name_namespace(uid)`.
enum PodDescription {
    static func of(_ pod: Pod) -> String {
        "\(pod.metadata.name ?? "")_\(pod.metadata.namespace ?? "")(\(pod.metadata.uid ?? ""))"
    }
}
