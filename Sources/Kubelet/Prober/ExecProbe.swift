import Foundation
import KubeAPI

/// exec: the command runs in the container through the runner (CRI ExecSync). Exit 0 is success,
/// any other exit a failure carrying the combined output (at most 10 KiB); hitting the timeout is a
/// failure `command "…" timed out`; a runner error is a prober error (upstream's probe.Unknown).
enum ExecProbe {
    static let maxOutputBytes = 10 * 1024

    static func probe(runner: any ContainerCommandRunner, containerID: String, command: [String],
                      timeout: Duration) async throws(ProbeError) -> ProbeRunOutput {
        let timedOut = ContainerCommandTimedOut(command: command, timeout: timeout)
        let result: ExecResult?
        do {
            result = try await withThrowingTaskGroup(of: ExecResult?.self) { group in
                group.addTask { try await runner.runInContainer(id: containerID, command: command, timeout: timeout) }
                // The runtime enforces the timeout too; this bounds a runner that does not.
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
        } catch is ContainerCommandTimedOut {
            return .failure(timedOut.description)
        } catch {
            throw ProbeError(description: "exec \(command) in container \(containerID): \(error)")
        }
        guard let result else { return .failure(timedOut.description) }
        var output = result.stdout + result.stderr
        if output.count > maxOutputBytes { output = output.prefix(maxOutputBytes) }
        let text = String(decoding: output, as: UTF8.self)
        return result.exitCode == 0 ? .success(text) : .failure(text)
    }
}
