import Foundation
import KubeAPI

/// Runs a container's postStart or preStop handler (upstream's lifecycle/handlers.go): exec in the
/// container through the runner (no timeout, as upstream), httpGet against the pod (host defaulting to
/// the pod IP; only a transport error fails the hook — upstream ignores the status code — and an
/// HTTPS hook answered by a plain-HTTP server is retried over HTTP), or sleep.
/// The kubelet bounds a preStop by the grace period by cancelling the task; a cancelled sleep fails
/// with upstream's "container terminated before sleep hook finished".
public struct LifecycleHookRunner: Sendable {
    /// No upstream timeout for hook requests; this only stops a server that never answers from
    /// holding a postStart forever.
    static let httpTimeout: Duration = .seconds(120)

    private let runner: any ContainerCommandRunner

    public init(runner: any ContainerCommandRunner) {
        self.runner = runner
    }

    public func run(_ handler: LifecycleHandler, pod: Pod, container: Container, containerID: String,
                    podIP: String?) async throws {
        let where_ = "for Container \(GoQuote.quote(container.name)) in Pod \(GoQuote.quote(PodDescription.of(pod)))"
        if let exec = handler.exec {
            let command = exec.command ?? []
            if let failure = await runExec(command, containerID: containerID) {
                throw HookError(action: .exec, message:
                    "Exec lifecycle hook ([\(command.joined(separator: " "))]) \(where_) failed - error: \(failure.error), message: \(GoQuote.quote(failure.output))")
            }
        } else if let httpGet = handler.httpGet {
            if let error = await runHTTPGet(httpGet, container: container, podIP: podIP) {
                throw HookError(action: .httpGet, message:
                    "HTTP lifecycle hook (\(httpGet.path ?? "")) \(where_) failed - error: \(error)")
            }
        } else if let sleep = handler.sleep {
            do {
                try await Task.sleep(for: .seconds(sleep.seconds))
            } catch {
                throw HookError(action: .sleep, message:
                    "Sleep lifecycle hook (\(sleep.seconds)) \(where_) failed - error: container terminated before sleep hook finished")
            }
        } else {
            throw HookError(action: .invalid, message:
                "Cannot run handler: invalid handler: none of exec, httpGet or sleep is set")
        }
    }

    /// nil on exit 0; otherwise the error text (as CRI ExecSync's exit error) and the combined output.
    private func runExec(_ command: [String], containerID: String) async -> (error: String, output: String)? {
        do {
            let result = try await runner.runInContainer(id: containerID, command: command, timeout: .zero)
            guard result.exitCode != 0 else { return nil }
            let stderr = String(decoding: result.stderr, as: UTF8.self)
            let output = String(decoding: result.stdout + result.stderr, as: UTF8.self)
            return ("command '\(command.joined(separator: " "))' exited with \(result.exitCode): \(stderr)", output)
        } catch {
            return ("\(error)", "")
        }
    }

    /// nil when a response came back, whatever its status; otherwise the error text.
    private func runHTTPGet(_ action: HTTPGetAction, container: Container, podIP: String?) async -> String? {
        let request: HTTPGetRequest
        do {
            if (action.host ?? "").isEmpty && (podIP ?? "").isEmpty {
                return "failed to find networking container: the pod has no IP"
            }
            request = try HTTPGetRequest(action, container: container, podIP: podIP, purpose: "lifecycle")
        } catch {
            return "\(error)"
        }
        guard case .error(let message) = await HTTPGetClient.get(request, timeout: Self.httpTimeout) else { return nil }
        // Upstream retries an HTTPS hook that reached a plain-HTTP server over HTTP, without the
        // Authorization header; the HTTPS error stands if that fails too.
        guard request.scheme == "https" else { return message }
        var fallback = request
        fallback.scheme = "http"
        fallback.headers.removeAll { $0.name.caseInsensitiveCompare("Authorization") == .orderedSame }
        guard case .response = await HTTPGetClient.get(fallback, timeout: Self.httpTimeout) else { return message }
        return nil
    }
}
