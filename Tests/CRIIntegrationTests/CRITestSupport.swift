import CRI
import Foundation
import GRPCCore
import Testing

/// Builders and waits over the generated CRI client.
struct PodHelper {
    let client: CRIClient
    let image = RuntimeDaemonProcess.image

    func sandboxConfig(_ name: String, logDirectory: String? = nil, hostNetwork: Bool = false) -> Runtime_V1_PodSandboxConfig {
        var config = Runtime_V1_PodSandboxConfig()
        config.metadata.name = name
        config.metadata.namespace = "default"
        config.metadata.uid = UUID().uuidString.lowercased()
        config.hostname = name
        config.labels = ["app": name]
        config.annotations = ["note": "kept as given"]
        if let logDirectory { config.logDirectory = logDirectory }
        config.dnsConfig.servers = ["10.96.0.10"]
        config.dnsConfig.searches = ["default.svc.cluster.local"]
        config.dnsConfig.options = ["ndots:5"]
        var mapping = Runtime_V1_PortMapping()
        mapping.containerPort = 8080
        mapping.hostPort = 0
        config.portMappings = [mapping]
        config.linux.securityContext.namespaceOptions.pid = .container
        if hostNetwork { config.linux.securityContext.namespaceOptions.network = .node }
        return config
    }

    func runPod(_ config: Runtime_V1_PodSandboxConfig) async throws -> String {
        var request = Runtime_V1_RunPodSandboxRequest()
        request.config = config
        return try await client.runtime.runPodSandbox(request).podSandboxID
    }

    func containerConfig(_ name: String, _ script: String, logPath: String? = nil) -> Runtime_V1_ContainerConfig {
        var config = Runtime_V1_ContainerConfig()
        config.metadata.name = name
        config.image.image = image
        config.command = ["sh", "-c", script]
        config.labels = ["container": name]
        config.logPath = logPath ?? "\(name)/0.log"
        config.linux.securityContext.seccomp.profileType = .runtimeDefault
        return config
    }

    func create(_ pod: String, _ config: Runtime_V1_ContainerConfig, sandbox: Runtime_V1_PodSandboxConfig) async throws -> String {
        var request = Runtime_V1_CreateContainerRequest()
        request.podSandboxID = pod
        request.config = config
        request.sandboxConfig = sandbox
        return try await client.runtime.createContainer(request).containerID
    }

    func start(_ id: String) async throws {
        var request = Runtime_V1_StartContainerRequest()
        request.containerID = id
        _ = try await client.runtime.startContainer(request)
    }

    func run(_ pod: String, _ config: Runtime_V1_ContainerConfig, sandbox: Runtime_V1_PodSandboxConfig) async throws -> String {
        let id = try await create(pod, config, sandbox: sandbox)
        try await start(id)
        return id
    }

    func status(_ id: String, verbose: Bool = false) async throws -> Runtime_V1_ContainerStatusResponse {
        var request = Runtime_V1_ContainerStatusRequest()
        request.containerID = id
        request.verbose = verbose
        return try await client.runtime.containerStatus(request)
    }

    /// Polls until the container has exited (or `seconds` pass); returns its last status.
    func waitExited(_ id: String, seconds: Double = 10) async throws -> Runtime_V1_ContainerStatus {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let status = try await status(id).status
            if status.state == .containerExited || Date() > deadline { return status }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    func stop(_ id: String, timeout: Int64) async throws {
        var request = Runtime_V1_StopContainerRequest()
        request.containerID = id
        request.timeout = timeout
        _ = try await client.runtime.stopContainer(request)
    }

    func exec(_ id: String, _ command: [String], timeout: Int64 = 0) async throws -> Runtime_V1_ExecSyncResponse {
        var request = Runtime_V1_ExecSyncRequest()
        request.containerID = id
        request.cmd = command
        request.timeout = timeout
        return try await client.runtime.execSync(request)
    }

    func pidOf(_ id: String) async throws -> Int32? {
        let info = try await status(id, verbose: true).info["info"] ?? "{}"
        let object = try JSONSerialization.jsonObject(with: Data(info.utf8)) as? [String: Any]
        return (object?["pid"] as? NSNumber)?.int32Value
    }
}

/// The gRPC status code a call failed with (nil: it did not fail).
func rpcCode(_ body: () async throws -> Void) async -> (RPCError.Code, String)? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return (error.code, error.message)
    } catch {
        return (.unknown, "\(error)")
    }
}
