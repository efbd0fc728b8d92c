import CRI
import Foundation
import Linux

/// Read-side of the CRI: statuses and lists, built from records and live container state.
extension CRIRuntime {
    public func podSandboxStatus(_ id: String, verbose: Bool) async throws(CRIError) -> Runtime_V1_PodSandboxStatusResponse {
        let entry = try sandboxEntry(id)
        var response = Runtime_V1_PodSandboxStatusResponse()
        response.status = sandboxStatus(entry)
        response.timestamp = ExitRecord.nowNanoseconds()
        let netns = entry.sandbox.networkNamespacePath ?? ""
        // The kubelet runs CNI in the pod's network namespace: the path is always given here.
        response.info[Runtime_V1_PodSandboxStatusResponse.networkNamespacePathKey] = Self.jsonString(netns)
        if verbose {
            let info: [String: Any] = [
                "netNamespacePath": netns,
                "namespaces": Dictionary(uniqueKeysWithValues: entry.record.namespaces.map { ($0.kind.rawValue, $0.path) }),
                "hostNetwork": entry.record.hostNetwork, "hostIPC": entry.record.hostIPC, "hostPID": entry.record.hostPID,
                "hostname": entry.record.hostname, "etcFiles": entry.record.etcFiles,
                "sharedPidNamespace": false,
            ]
            if let data = try? JSONSerialization.data(withJSONObject: info, options: [.sortedKeys]) {
                response.info["info"] = String(decoding: data, as: UTF8.self)
            }
        }
        return response
    }

    func sandboxStatus(_ entry: SandboxEntry) -> Runtime_V1_PodSandboxStatus {
        let config = entry.record.decodedConfig()
        var status = Runtime_V1_PodSandboxStatus()
        status.id = entry.record.id
        status.metadata = config.metadata
        status.state = entry.record.state == .ready ? .sandboxReady : .sandboxNotready
        status.createdAt = entry.record.createdAt
        status.labels = config.labels
        status.annotations = config.annotations
        status.runtimeHandler = entry.record.runtimeHandler
        var options = Runtime_V1_NamespaceOption()
        options.network = entry.record.hostNetwork ? .node : .pod
        options.ipc = entry.record.hostIPC ? .node : .pod
        options.pid = entry.record.hostPID ? .node : .container
        status.linux.namespaces.options = options
        var network = Runtime_V1_PodSandboxNetworkStatus()
        if let ips = entry.record.podIPs, let first = ips.first {
            network.ip = first
            network.additionalIps = ips.dropFirst().map { ip in
                var additional = Runtime_V1_PodIP()
                additional.ip = ip
                return additional
            }
        }
        status.network = network
        return status
    }

    public func listPodSandboxes(_ filter: Runtime_V1_PodSandboxFilter?) -> [Runtime_V1_PodSandbox] {
        sandboxes.values.sorted { $0.record.createdAt < $1.record.createdAt }.compactMap { entry in
            let status = sandboxStatus(entry)
            if let filter {
                if !filter.id.isEmpty && !entry.record.id.hasPrefix(filter.id) { return nil }
                if filter.hasState && filter.state.state != status.state { return nil }
                if !Self.matches(status.labels, filter.labelSelector) { return nil }
            }
            var item = Runtime_V1_PodSandbox()
            item.id = status.id
            item.metadata = status.metadata
            item.state = status.state
            item.createdAt = status.createdAt
            item.labels = status.labels
            item.annotations = status.annotations
            item.runtimeHandler = status.runtimeHandler
            return item
        }
    }

    public func containerStatus(_ id: String, verbose: Bool) async throws(CRIError) -> Runtime_V1_ContainerStatusResponse {
        let entry = try containerEntry(id)
        var response = Runtime_V1_ContainerStatusResponse()
        response.status = await status(entry)
        if verbose {
            let state = await entry.container.state
            var info: [String: Any] = [
                "sandboxID": entry.record.sandboxID, "monitorPid": entry.record.monitorPID,
                "logPath": entry.record.logPath, "directory": configuration.containerDirectory(entry.record.id),
            ]
            if case .running(let pid) = state { info["pid"] = pid }
            if let cgroup = await entry.container.cgroupPath { info["cgroup"] = cgroup }
            if let data = try? JSONSerialization.data(withJSONObject: info, options: [.sortedKeys]) {
                response.info["info"] = String(decoding: data, as: UTF8.self)
            }
        }
        return response
    }

    func status(_ entry: ContainerEntry) async -> Runtime_V1_ContainerStatus {
        let config = entry.record.decodedConfig()
        var status = Runtime_V1_ContainerStatus()
        status.id = entry.record.id
        status.metadata = config.metadata
        status.createdAt = entry.record.createdAt
        status.startedAt = entry.record.startedAt
        status.image = config.image
        status.imageRef = entry.record.imageRef
        status.imageID = entry.record.imageID
        status.labels = config.labels
        status.annotations = config.annotations
        status.mounts = config.mounts
        status.logPath = entry.record.logPath
        status.resources.linux = config.linux.resources
        var user = Runtime_V1_LinuxContainerUser()
        user.uid = Int64(entry.record.setup.user.uid)
        user.gid = Int64(entry.record.setup.user.gid)
        user.supplementalGroups = entry.record.setup.user.additionalGids.map { Int64($0) }
        status.user.linux = user
        switch await entry.container.state {
        case .created:
            status.state = .containerCreated
        case .running:
            status.state = .containerRunning
        case .exited(let exit):
            status.state = .containerExited
            status.exitCode = exit.exitCode
            status.reason = exit.reason
            status.finishedAt = ExitRecord.read(directory: configuration.containerDirectory(entry.record.id))?.finishedAt
                ?? ExitRecord.nowNanoseconds()
            if exit.reason == "Unknown" {
                status.message = "the container's monitor is gone without recording an exit"
            }
        case .deleted:
            status.state = .containerUnknown
        }
        return status
    }

    public func listContainers(_ filter: Runtime_V1_ContainerFilter?) async -> [Runtime_V1_Container] {
        var items: [Runtime_V1_Container] = []
        for entry in containers.values.sorted(by: { $0.record.createdAt < $1.record.createdAt }) {
            let status = await status(entry)
            if let filter {
                if !filter.id.isEmpty && !entry.record.id.hasPrefix(filter.id) { continue }
                if !filter.podSandboxID.isEmpty && !entry.record.sandboxID.hasPrefix(filter.podSandboxID) { continue }
                if filter.hasState && filter.state.state != status.state { continue }
                if !Self.matches(status.labels, filter.labelSelector) { continue }
            }
            var item = Runtime_V1_Container()
            item.id = status.id
            item.podSandboxID = entry.record.sandboxID
            item.metadata = status.metadata
            item.image = status.image
            item.imageRef = status.imageRef
            item.imageID = status.imageID
            item.state = status.state
            item.createdAt = status.createdAt
            item.labels = status.labels
            item.annotations = status.annotations
            items.append(item)
        }
        return items
    }

    /// Images some container (in any state) was created from: RemoveImage refuses them.
    func imagesInUse() -> Set<String> { Set(containers.values.map(\.record.imageID)) }

    static func matches(_ labels: [String: String], _ selector: [String: String]) -> Bool {
        selector.allSatisfy { labels[$0.key] == $0.value }
    }

    static func jsonString(_ value: String) -> String {
        (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
