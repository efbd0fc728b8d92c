import CRI
import Foundation

/// `ContainerCommandRunner` over CRI ExecSync (exec probes and exec hooks).
public struct CRICommandRunner: ContainerCommandRunner {
    let cri: CRIClient

    public init(cri: CRIClient) { self.cri = cri }

    public func runInContainer(id containerID: String, command: [String], timeout: Duration) async throws -> ExecResult {
        var request = Runtime_V1_ExecSyncRequest()
        // Probes pass the status's containerID ("kubeswift://<id>"); CRI wants the bare id.
        request.containerID = containerID.range(of: "://").map { String(containerID[$0.upperBound...]) } ?? containerID
        request.cmd = command
        request.timeout = max(Int64(timeout.seconds.rounded(.up)), 1)
        do {
            let response = try await cri.runtime.execSync(request)
            return ExecResult(exitCode: response.exitCode, stdout: response.stdout, stderr: response.stderr)
        } catch {
            throw RuntimeCallError("ExecSync", containerID, error)
        }
    }
}
