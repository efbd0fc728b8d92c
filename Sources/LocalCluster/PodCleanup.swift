import CRI

/// What `kubeswift up` does on the way down, between stopping the kubelet and the runtime:
/// every pod sandbox stopped (its containers killed, its network torn down) and removed, so no
/// container, mount or pod address outlives the cluster.
enum PodCleanup {
    static func removeAll(endpoint socketPath: String, log: @Sendable (String) -> Void) async {
        do {
            try await CRIClient.with(CRIEndpoint(socketPath: socketPath)) { client in
                let sandboxes = try await client.runtime.listPodSandbox(Runtime_V1_ListPodSandboxRequest()).items
                for sandbox in sandboxes {
                    var stop = Runtime_V1_StopPodSandboxRequest()
                    stop.podSandboxID = sandbox.id
                    _ = try? await client.runtime.stopPodSandbox(stop)
                    var remove = Runtime_V1_RemovePodSandboxRequest()
                    remove.podSandboxID = sandbox.id
                    do {
                        _ = try await client.runtime.removePodSandbox(remove)
                    } catch {
                        log("could not remove pod \(sandbox.metadata.namespace)/\(sandbox.metadata.name): \(error)")
                    }
                }
            }
        } catch {
            log("could not reach the runtime to remove pods: \(error)")
        }
    }
}
