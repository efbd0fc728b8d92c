import CRI
import GRPCCore

import Foundation

/// runtime.v1.RuntimeService over `CRIRuntime`.
public struct RuntimeServiceHandler: Runtime_V1_RuntimeService.SimpleServiceProtocol {
    public static let runtimeName = "kubeswift"
    public static let runtimeVersion = "0.1.0"

    let runtime: CRIRuntime
    /// Serves Exec/Attach/PortForward URLs; nil: those calls are Unimplemented.
    let streaming: StreamingServer?

    public init(runtime: CRIRuntime, streaming: StreamingServer? = nil) {
        self.runtime = runtime
        self.streaming = streaming
    }

    public func version(request: Runtime_V1_VersionRequest, context: ServerContext) async throws -> Runtime_V1_VersionResponse {
        var response = Runtime_V1_VersionResponse()
        response.version = "0.1.0"
        response.runtimeName = Self.runtimeName
        response.runtimeVersion = Self.runtimeVersion
        response.runtimeApiVersion = "v1"
        return response
    }

    public func status(request: Runtime_V1_StatusRequest, context: ServerContext) async throws -> Runtime_V1_StatusResponse {
        var response = Runtime_V1_StatusResponse()
        var runtimeReady = Runtime_V1_RuntimeCondition()
        runtimeReady.type = "RuntimeReady"
        runtimeReady.status = true
        var networkReady = Runtime_V1_RuntimeCondition()
        networkReady.type = "NetworkReady"
        if let reason = runtime.network.notReadyReason() {
            networkReady.reason = "NetworkPluginNotReady"
            networkReady.message = "Network plugin returns error: \(reason)"
        } else {
            networkReady.status = true
        }
        response.status.conditions = [runtimeReady, networkReady]
        var handler = Runtime_V1_RuntimeHandler()
        handler.name = ""
        response.runtimeHandlers = [handler]
        if request.verbose {
            response.info["config"] = "{\"rootDirectory\":\(CRIRuntime.jsonString(runtime.configuration.rootDirectory)),"
                + "\"runDirectory\":\(CRIRuntime.jsonString(runtime.configuration.runDirectory))}"
        }
        return response
    }

    public func runPodSandbox(request: Runtime_V1_RunPodSandboxRequest, context: ServerContext) async throws -> Runtime_V1_RunPodSandboxResponse {
        try await criCall {
            var response = Runtime_V1_RunPodSandboxResponse()
            response.podSandboxID = try await runtime.runPodSandbox(request.config, runtimeHandler: request.runtimeHandler)
            return response
        }
    }

    public func stopPodSandbox(request: Runtime_V1_StopPodSandboxRequest, context: ServerContext) async throws -> Runtime_V1_StopPodSandboxResponse {
        try await criCall {
            try await runtime.stopPodSandbox(request.podSandboxID)
            return Runtime_V1_StopPodSandboxResponse()
        }
    }

    public func removePodSandbox(request: Runtime_V1_RemovePodSandboxRequest, context: ServerContext) async throws -> Runtime_V1_RemovePodSandboxResponse {
        try await criCall {
            try await runtime.removePodSandbox(request.podSandboxID)
            return Runtime_V1_RemovePodSandboxResponse()
        }
    }

    public func podSandboxStatus(request: Runtime_V1_PodSandboxStatusRequest, context: ServerContext) async throws -> Runtime_V1_PodSandboxStatusResponse {
        try await criCall { try await runtime.podSandboxStatus(request.podSandboxID, verbose: request.verbose) }
    }

    public func listPodSandbox(request: Runtime_V1_ListPodSandboxRequest, context: ServerContext) async throws -> Runtime_V1_ListPodSandboxResponse {
        var response = Runtime_V1_ListPodSandboxResponse()
        response.items = await runtime.listPodSandboxes(request.hasFilter ? request.filter : nil)
        return response
    }

    public func createContainer(request: Runtime_V1_CreateContainerRequest, context: ServerContext) async throws -> Runtime_V1_CreateContainerResponse {
        try await criCall {
            var response = Runtime_V1_CreateContainerResponse()
            response.containerID = try await runtime.createContainer(sandboxID: request.podSandboxID, config: request.config)
            return response
        }
    }

    public func startContainer(request: Runtime_V1_StartContainerRequest, context: ServerContext) async throws -> Runtime_V1_StartContainerResponse {
        try await criCall {
            try await runtime.startContainer(request.containerID)
            return Runtime_V1_StartContainerResponse()
        }
    }

    public func stopContainer(request: Runtime_V1_StopContainerRequest, context: ServerContext) async throws -> Runtime_V1_StopContainerResponse {
        try await criCall {
            try await runtime.stopContainer(request.containerID, timeoutSeconds: request.timeout)
            return Runtime_V1_StopContainerResponse()
        }
    }

    public func removeContainer(request: Runtime_V1_RemoveContainerRequest, context: ServerContext) async throws -> Runtime_V1_RemoveContainerResponse {
        try await criCall {
            try await runtime.removeContainer(request.containerID)
            return Runtime_V1_RemoveContainerResponse()
        }
    }

    public func listContainers(request: Runtime_V1_ListContainersRequest, context: ServerContext) async throws -> Runtime_V1_ListContainersResponse {
        var response = Runtime_V1_ListContainersResponse()
        response.containers = await runtime.listContainers(request.hasFilter ? request.filter : nil)
        return response
    }

    public func containerStatus(request: Runtime_V1_ContainerStatusRequest, context: ServerContext) async throws -> Runtime_V1_ContainerStatusResponse {
        try await criCall { try await runtime.containerStatus(request.containerID, verbose: request.verbose) }
    }

    public func updateContainerResources(request: Runtime_V1_UpdateContainerResourcesRequest, context: ServerContext) async throws -> Runtime_V1_UpdateContainerResourcesResponse {
        try await criCall {
            try await runtime.updateContainerResources(request.containerID, request.linux)
            return Runtime_V1_UpdateContainerResourcesResponse()
        }
    }

    public func reopenContainerLog(request: Runtime_V1_ReopenContainerLogRequest, context: ServerContext) async throws -> Runtime_V1_ReopenContainerLogResponse {
        try await criCall {
            try await runtime.reopenContainerLog(request.containerID)
            return Runtime_V1_ReopenContainerLogResponse()
        }
    }

    public func execSync(request: Runtime_V1_ExecSyncRequest, context: ServerContext) async throws -> Runtime_V1_ExecSyncResponse {
        try await criCall {
            let result = try await runtime.execSync(request.containerID, command: request.cmd, timeoutSeconds: request.timeout)
            var response = Runtime_V1_ExecSyncResponse()
            response.stdout = Data(result.stdout)
            response.stderr = Data(result.stderr)
            response.exitCode = result.exitCode
            return response
        }
    }

    public func exec(request: Runtime_V1_ExecRequest, context: ServerContext) async throws -> Runtime_V1_ExecResponse {
        try await criCall {
            var response = Runtime_V1_ExecResponse()
            response.url = try await streamingURL(.exec(request))
            return response
        }
    }

    public func attach(request: Runtime_V1_AttachRequest, context: ServerContext) async throws -> Runtime_V1_AttachResponse {
        try await criCall {
            var response = Runtime_V1_AttachResponse()
            response.url = try await streamingURL(.attach(request))
            return response
        }
    }

    public func portForward(request: Runtime_V1_PortForwardRequest, context: ServerContext) async throws -> Runtime_V1_PortForwardResponse {
        try await criCall {
            var response = Runtime_V1_PortForwardResponse()
            response.url = try await streamingURL(.portForward(request))
            return response
        }
    }

    func streamingURL(_ request: StreamingRequest) async throws(CRIError) -> String {
        guard let streaming else { throw .unimplemented("this runtime was started without a streaming server") }
        try await runtime.validate(request)
        return try streaming.url(for: request)
    }

    public func containerStats(request: Runtime_V1_ContainerStatsRequest, context: ServerContext) async throws -> Runtime_V1_ContainerStatsResponse {
        try await criCall {
            var response = Runtime_V1_ContainerStatsResponse()
            response.stats = try await runtime.containerStats(nil, single: request.containerID).first ?? Runtime_V1_ContainerStats()
            return response
        }
    }

    public func listContainerStats(request: Runtime_V1_ListContainerStatsRequest, context: ServerContext) async throws -> Runtime_V1_ListContainerStatsResponse {
        try await criCall {
            var response = Runtime_V1_ListContainerStatsResponse()
            response.stats = try await runtime.containerStats(request.hasFilter ? request.filter : nil)
            return response
        }
    }
}
